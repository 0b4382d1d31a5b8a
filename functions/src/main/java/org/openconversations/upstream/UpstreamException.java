package org.openconversations.upstream;

/**
 * Why an upstream call produced no result. The kind decides what our client sees: {@link Kind#RATE_LIMITED}
 * stays a 429 with the upstream's retry-after, {@link Kind#REJECTED} keeps the upstream's 4xx status and message,
 * {@link Kind#UNAVAILABLE} (5xx, connection errors, unparseable replies) becomes a 502, and {@link Kind#TIMEOUT}
 * becomes a failed response.
 */
public final class UpstreamException extends RuntimeException {
    public enum Kind { RATE_LIMITED, REJECTED, UNAVAILABLE, TIMEOUT }

    private final Kind kind;
    private final int upstreamStatus;
    private final String retryAfter;
    private final String retryAfterMillis;

    public UpstreamException(Kind kind, int upstreamStatus, String message, String retryAfter, String retryAfterMillis) {
        super(message, null, false, false);
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
        this.retryAfterMillis = retryAfterMillis;
    }

    public static UpstreamException unavailable(String message) {
        return new UpstreamException(Kind.UNAVAILABLE, 0, message, null, null);
    }

    public static UpstreamException timeout(String message) {
        return new UpstreamException(Kind.TIMEOUT, 0, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream's HTTP status, or 0 when it never answered. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** The upstream's {@code retry-after} header value, or null. */
    public String retryAfter() {
        return retryAfter;
    }

    /** The upstream's {@code retry-after-ms} header value, or null. */
    public String retryAfterMillis() {
        return retryAfterMillis;
    }
}
