package org.openconversations.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Response;

/** The OpenAI error body, for the answers the gateway gives itself instead of a handler. */
final class ErrorEnvelope {

    static final String SERVER_ERROR_MESSAGE = "The server had an error while processing your request.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorEnvelope() {
    }

    static String json(String message, String type) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", null);
        try {
            return JSON.writeValueAsString(Map.of("error", error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String serverError() {
        return json(SERVER_ERROR_MESSAGE, "server_error");
    }

    static String invalidRequest(String message) {
        return json(message, "invalid_request_error");
    }

    /** The headers every function answer carries (ApiResponse.toEvent), which the SDKs read. */
    static void addOpenAiHeaders(Response response, String requestId) {
        response.getHeaders().put("x-request-id", requestId);
        response.getHeaders().put("openai-version", "2020-10-01");
    }
}
