package org.openconversations.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.openconversations.errors.ApiException;
import org.openconversations.json.Json;

/** A status and a JSON body; the only place that builds API Gateway responses and the error envelope. */
public record ApiResponse(int status, String body) {
    private static final String SERVER_ERROR = envelope(
            "The server had an error while processing your request. Sorry about that!", "server_error", null, null);

    public static ApiResponse ok(String json) {
        return new ApiResponse(200, json);
    }

    public static ApiResponse error(ApiException e) {
        return new ApiResponse(e.status(), envelope(e.getMessage(), e.type(), e.param(), e.code()));
    }

    /** For faults: a fixed message, never the exception's, so no internals reach the client. */
    public static ApiResponse serverError() {
        return new ApiResponse(500, SERVER_ERROR);
    }

    public APIGatewayV2HTTPResponse toEvent(String requestId, long processingMillis) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-request-id", requestId);
        headers.put("openai-version", "2020-10-01");
        headers.put("openai-processing-ms", Long.toString(processingMillis));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    private static String envelope(String message, String type, String param, String code) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode root = Json.object();
        root.set("error", error);
        return Json.write(root);
    }
}
