package org.openconversations.errors;

import java.util.Map;

/**
 * An error the API answers with OpenAI's envelope {@code {"error":{message,type,param,code}}}.
 * Thrown anywhere below the handlers; rendered in exactly one place, {@code ApiResponse.error}.
 */
public abstract sealed class ApiException extends RuntimeException
        permits InvalidRequestException, NotFoundException, UpstreamApiException, AuthenticationException,
                PermissionDeniedException, StoreBusyException {
    private final String type;
    private final String param;
    private final String code;

    protected ApiException(String message, String type, String param, String code) {
        // No stack trace: these are expected outcomes of bad input, not faults, and they are frequent.
        super(message, null, false, false);
        this.type = type;
        this.param = param;
        this.code = code;
    }

    public abstract int status();

    /** Response headers this error adds, e.g. {@code retry-after} on a 429. */
    public Map<String, String> headers() {
        return Map.of();
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
