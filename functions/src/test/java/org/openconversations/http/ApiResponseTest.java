package org.openconversations.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.Json;

class ApiResponseTest {
    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    @Test
    void ok_is_status_200_with_the_body_unchanged() {
        ApiResponse response = ApiResponse.ok("{\"a\":1}");

        assertEquals(200, response.status());
        assertEquals("{\"a\":1}", response.body());
    }

    @Test
    void a_body_lambda_could_not_return_becomes_a_500_envelope_not_to_be_retried() {
        APIGatewayV2HTTPResponse event = ApiResponse.ok("\"" + "x".repeat(7 * 1024 * 1024) + "\"")
                .toEvent("req-1", 5);

        JsonNode error = Json.parse(event.getBody()).get("error");
        assertEquals(500, event.getStatusCode());
        assertEquals("response_too_large", error.get("code").textValue());
        assertEquals("server_error", error.get("type").textValue());
        assertEquals("false", event.getHeaders().get("x-should-retry"));
        assertEquals("req-1", event.getHeaders().get("x-request-id"));
    }

    @Test
    void error_envelope_has_message_type_param_code_in_order() {
        ApiResponse response = ApiResponse.error(InvalidRequestException.invalidType(
                "metadata.version", "a string", "an integer"));

        assertEquals(400, response.status());
        JsonNode root = Json.parse(response.body());
        assertEquals(List.of("error"), keys(root));
        JsonNode error = root.get("error");
        assertEquals(List.of("message", "type", "param", "code"), keys(error));
        assertEquals("Invalid type for 'metadata.version': expected a string, but got an integer instead.",
                error.get("message").textValue());
        assertEquals("invalid_request_error", error.get("type").textValue());
        assertEquals("metadata.version", error.get("param").textValue());
        assertEquals("invalid_type", error.get("code").textValue());
    }

    @Test
    void error_envelope_keeps_null_param_and_code_as_null() {
        ApiResponse response = ApiResponse.error(NotFoundException.item("msg_x"));

        assertEquals(404, response.status());
        JsonNode error = Json.parse(response.body()).get("error");
        assertEquals(List.of("message", "type", "param", "code"), keys(error));
        assertTrue(error.get("param").isNull());
        assertTrue(error.get("code").isNull());
    }

    @Test
    void error_envelope_escapes_client_text_in_the_message() {
        String id = "msg_\"}\\\n<x>";
        ApiResponse response = ApiResponse.error(NotFoundException.item(id));

        assertEquals("Item with id '" + id + "' not found.",
                Json.parse(response.body()).get("error").get("message").textValue());
    }

    @Test
    void invalid_url_is_openais_404_naming_the_method_and_the_clipped_path() {
        String path = "/v1/" + "x".repeat(300) + "\"";
        ApiResponse response = ApiResponse.invalidUrl("PATCH", path);

        assertEquals(404, response.status());
        JsonNode error = Json.parse(response.body()).get("error");
        assertEquals(List.of("message", "type", "param", "code"), keys(error));
        assertEquals("Invalid URL (PATCH " + path.substring(0, 200) + "…)", error.get("message").textValue());
        assertEquals("invalid_request_error", error.get("type").textValue());
        assertTrue(error.get("param").isNull());
        assertTrue(error.get("code").isNull());
    }

    @Test
    void server_error_is_500_with_type_server_error_and_null_param_and_code() {
        ApiResponse response = ApiResponse.serverError();

        assertEquals(500, response.status());
        JsonNode error = Json.parse(response.body()).get("error");
        assertEquals(List.of("message", "type", "param", "code"), keys(error));
        assertEquals("server_error", error.get("type").textValue());
        assertTrue(error.get("param").isNull());
        assertTrue(error.get("code").isNull());
    }

    @Test
    void event_carries_status_body_and_headers() {
        APIGatewayV2HTTPResponse event = ApiResponse.ok("{}").toEvent("req-1", 17);

        assertEquals(200, event.getStatusCode());
        assertEquals("{}", event.getBody());
        assertEquals("application/json", event.getHeaders().get("content-type"));
        assertEquals("req-1", event.getHeaders().get("x-request-id"));
        assertEquals("2020-10-01", event.getHeaders().get("openai-version"));
        assertEquals("17", event.getHeaders().get("openai-processing-ms"));
    }
}
