package org.openconversations.errors;

/** 401: no usable API key. One message for missing, malformed, unknown and revoked keys: nothing to guess from. */
public final class AuthenticationException extends ApiException {
    private AuthenticationException() {
        super("Incorrect API key provided. Send 'Authorization: Bearer <key>' with a key issued for this server.",
                "invalid_request_error", null, "invalid_api_key");
    }

    @Override
    public int status() {
        return 401;
    }

    public static AuthenticationException invalidApiKey() {
        return new AuthenticationException();
    }
}
