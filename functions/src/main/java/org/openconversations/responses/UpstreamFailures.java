package org.openconversations.responses;

import org.openconversations.errors.UpstreamApiException;
import org.openconversations.upstream.UpstreamException;

/** How an upstream failure reaches the client when the request cannot become a failed response. */
final class UpstreamFailures {
    private UpstreamFailures() {}

    static UpstreamApiException toApi(UpstreamException e, String timeoutMessage) {
        return switch (e.kind()) {
            case RATE_LIMITED -> UpstreamApiException.rateLimited(e.getMessage(), e.retryAfter(), e.retryAfterMillis());
            case REJECTED -> UpstreamApiException.rejected(e.upstreamStatus(), e.getMessage(), e.upstreamCode());
            case UNAVAILABLE -> UpstreamApiException.unavailable("The upstream model failed to answer: " + e.getMessage());
            case TIMEOUT -> UpstreamApiException.unavailable(timeoutMessage);
        };
    }
}
