package org.openconversations.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer shaped by the upstream model rather than by the client's request: its rate limit (429, with
 * its retry headers so the SDKs back off as asked), its refusal of the request (its 4xx), or its failure
 * or absence (502, 503). The SDKs retry 429 and 5xx on their own.
 */
public final class UpstreamApiException extends ApiException {
    private final int status;
    private final Map<String, String> headers;

    private UpstreamApiException(int status, String message, String type, String code, Map<String, String> headers) {
        super(message, type, null, code);
        this.status = status;
        this.headers = headers;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    public static UpstreamApiException rateLimited(String message, String retryAfter, String retryAfterMillis) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) headers.put("retry-after", retryAfter);
        if (retryAfterMillis != null) headers.put("retry-after-ms", retryAfterMillis);
        return new UpstreamApiException(429, message, "requests", "rate_limit_exceeded", Map.copyOf(headers));
    }

    /**
     * @param code the upstream's own code ({@code context_length_exceeded}, say), which clients branch on; its
     *     {@code param} is not kept, since it names a field of the upstream's request, not of the caller's
     */
    public static UpstreamApiException rejected(int upstreamStatus, String message, String code) {
        int status = upstreamStatus >= 400 && upstreamStatus < 500 ? upstreamStatus : 400;
        return new UpstreamApiException(status, message, "invalid_request_error", code, Map.of());
    }

    public static UpstreamApiException unavailable(String message) {
        return new UpstreamApiException(502, message, "server_error", "upstream_error", Map.of());
    }

    /**
     * The upstream answered, but not in full, where only a full answer will do. Marked not to be retried: the
     * same context would most likely be cut off again, and each retry is paid for.
     */
    public static UpstreamApiException unfinished(String message) {
        return new UpstreamApiException(502, message, "server_error", "upstream_error",
                Map.of("x-should-retry", "false"));
    }

    public static UpstreamApiException notConfigured() {
        return new UpstreamApiException(503,
                "No upstream model is configured. Set UPSTREAM_BASE_URL (with UPSTREAM_API_KEY and UPSTREAM_API="
                        + "chat|responses), or OPENAI_API_KEY to use OpenAI's API.",
                "server_error", "upstream_not_configured", Map.of());
    }
}
