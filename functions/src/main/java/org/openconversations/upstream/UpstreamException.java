package org.openconversations.upstream;

/**
 * Why an upstream call produced no result. The kind decides what our client sees: {@link Kind#RATE_LIMITED}
 * stays a 429 with the upstream's retry-after, {@link Kind#REJECTED} keeps the upstream's 4xx status, message and code,
 * {@link Kind#UNAVAILABLE} (5xx, connection errors, unparseable replies) becomes a 502, and {@link Kind#TIMEOUT}
 * becomes a failed response.
 */
public final class UpstreamException extends RuntimeException {
    public enum Kind { RATE_LIMITED, REJECTED, UNAVAILABLE, TIMEOUT }

    private final Kind kind;
    private final int upstreamStatus;
    private final String retryAfter;
    private final String retryAfterMillis;
    private final String upstreamCode;

    public UpstreamException(Kind kind, int upstreamStatus, String message, String retryAfter, String retryAfterMillis) {
        this(kind, upstreamStatus, message, retryAfter, retryAfterMillis, null);
    }

    /** @param upstreamCode the upstream's own error code, kept for a {@link Kind#REJECTED} request */
    public UpstreamException(Kind kind, int upstreamStatus, String message, String retryAfter, String retryAfterMillis,
            String upstreamCode) {
        super(message, null, false, false);
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
        this.retryAfterMillis = retryAfterMillis;
        this.upstreamCode = upstreamCode;
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

    /** The upstream's error code ({@code error.code} of OpenAI's envelope), or null. */
    public String upstreamCode() {
        return upstreamCode;
    }

    /** The upstream's {@code retry-after-ms} header value, or null. */
    public String retryAfterMillis() {
        return retryAfterMillis;
    }
}
