package org.openconversations.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;
import org.openconversations.domain.PayloadLimit;
import org.openconversations.errors.ApiException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.JsonStrings;

/**
 * A status, a body and its content type; the only place that builds API Gateway responses and the error
 * envelope.
 */
public record ApiResponse(int status, String body, String contentType, Map<String, String> headers) {
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String SERVER_ERROR = envelope(
            "The server had an error while processing your request. Sorry about that!", "server_error", null, null);

    /**
     * What a route answers instead of a body Lambda could not return, which would reach the client as API
     * Gateway's bare 500. Not to be retried: the same request would build the same body. Built on first use,
     * off every cold start.
     */
    private static final class TooLarge {
        static final ApiResponse ANSWER = new ApiResponse(500, envelope("The answer is too large to return: a"
                + " function can answer with at most " + PayloadLimit.MAX_BYTES + " bytes (Lambda's 6 MB limit).",
                "server_error", null, "response_too_large"), JSON, Map.of("x-should-retry", "false"));
    }

    public static ApiResponse ok(String json) {
        return new ApiResponse(200, json, JSON, Map.of());
    }

    /** A whole Server-Sent Events stream, delivered at once (API Gateway HTTP APIs do not stream). */
    public static ApiResponse eventStream(String events) {
        return new ApiResponse(200, events, EVENT_STREAM, Map.of("cache-control", "no-cache"));
    }

    public static ApiResponse error(ApiException e) {
        return new ApiResponse(e.status(), envelope(e.getMessage(), e.type(), e.param(), e.code()), JSON, e.headers());
    }

    /**
     * The catch-all route's whole answer: OpenAI's 404 for a path no route serves. Built without an exception
     * object, since creating one (even without a stack trace) was a tenth of that route's warm time.
     */
    public static ApiResponse invalidUrl(String method, String path) {
        String body = envelope(NotFoundException.invalidUrl(method, path), "invalid_request_error", null, null);
        return new ApiResponse(404, body, JSON, Map.of());
    }

    /** For faults: a fixed message, never the exception's, so no internals reach the client. */
    public static ApiResponse serverError() {
        return new ApiResponse(500, SERVER_ERROR, JSON, Map.of());
    }

    public APIGatewayV2HTTPResponse toEvent(String requestId, long processingMillis) {
        if (!PayloadLimit.fits(body)) return TooLarge.ANSWER.toEvent(requestId, processingMillis);
        Map<String, String> all = new HashMap<>(headers);
        all.put("content-type", contentType);
        all.put("x-request-id", requestId);
        all.put("openai-version", "2020-10-01");
        all.put("openai-processing-ms", Long.toString(processingMillis));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    private static String envelope(String message, String type, String param, String code) {
        return "{\"error\":{\"message\":" + JsonStrings.quote(message) + ",\"type\":" + JsonStrings.quote(type)
                + ",\"param\":" + JsonStrings.quote(param) + ",\"code\":" + JsonStrings.quote(code) + "}}";
    }
}
