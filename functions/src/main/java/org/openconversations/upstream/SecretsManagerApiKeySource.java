package org.openconversations.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.openconversations.config.SecretsManagerSecret;
import org.openconversations.json.Json;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The upstream key kept in AWS Secrets Manager ({@code UPSTREAM_API_KEY_SECRET_ARN}), read on the first model
 * call and kept for the life of the container. The secret is the bare key, or a JSON object with an
 * {@code api_key} field (the console's key/value form).
 */
public final class SecretsManagerApiKeySource implements ApiKeySource {
    private final String secretId;
    private final URI endpoint;
    private volatile String key;

    /** @param endpoint null for AWS's; set to point at a stand-in or LocalStack */
    public SecretsManagerApiKeySource(String secretId, URI endpoint) {
        this.secretId = secretId;
        this.endpoint = endpoint;
    }

    @Override
    public String apiKey() {
        String cached = key;
        if (cached == null) {
            synchronized (this) {
                if (key == null) key = fetch();
                cached = key;
            }
        }
        return cached;
    }

    private String fetch() {
        try {
            return keyIn(SecretsManagerSecret.read(secretId, endpoint));
        } catch (SdkException e) {
            // The SDK's message names the secret and the cause; it never contains the secret's value.
            throw UpstreamException.unavailable("could not read the upstream API key from Secrets Manager: "
                    + e.getMessage());
        }
    }

    static String keyIn(String secret) {
        if (secret == null || secret.isBlank()) {
            throw UpstreamException.unavailable("the upstream API key secret is empty");
        }
        String trimmed = secret.trim();
        if (!trimmed.startsWith("{")) return trimmed;
        JsonNode key = Json.parse(trimmed).path("api_key");
        if (!key.isTextual() || key.textValue().isBlank()) {
            throw UpstreamException.unavailable("the upstream API key secret is JSON without an 'api_key' field");
        }
        return key.textValue();
    }

    @Override
    public String toString() {
        return "SecretsManagerApiKeySource[" + secretId + "]";
    }
}
