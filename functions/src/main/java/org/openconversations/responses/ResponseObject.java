package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openconversations.json.Json;

/**
 * The Response object (contract 7.1). Real responses carry every key, null when unset, and openai-java's
 * validation requires most of them, so all are always written, defaults filled in as OpenAI reports them.
 */
final class ResponseObject {
    private ResponseObject() {}

    /**
     * @param output the output items, empty for a failed response
     * @param usage the Responses usage object, or null
     * @param error {@code {code, message}} for a failed response, else null
     * @param incompleteReason set when status is {@code incomplete}
     */
    static ObjectNode build(String id, long createdAt, Long completedAt, CreateResponseRequest request,
            String status, List<ObjectNode> output, ObjectNode usage, ObjectNode error, String incompleteReason) {
        ObjectNode settings = request.settings();
        ObjectNode response = Json.object();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", status);
        if (completedAt == null) response.putNull("completed_at"); else response.put("completed_at", completedAt);
        response.put("background", false);
        if (request.conversationId() == null) {
            response.putNull("conversation");
        } else {
            response.putObject("conversation").put("id", request.conversationId());
        }
        response.set("error", error);
        if (incompleteReason == null) {
            response.putNull("incomplete_details");
        } else {
            response.putObject("incomplete_details").put("reason", incompleteReason);
        }
        response.put("instructions", request.instructions());
        copy(settings, response, "max_output_tokens", null);
        copy(settings, response, "max_tool_calls", null);
        response.put("model", request.model());
        ArrayNode items = response.putArray("output");
        output.forEach(items::add);
        copy(settings, response, "parallel_tool_calls", Json.nodes().booleanNode(true));
        response.put("previous_response_id", request.previousResponseId());
        copy(settings, response, "prompt_cache_key", null);
        copy(settings, response, "reasoning", defaultReasoning());
        copy(settings, response, "safety_identifier", null);
        copy(settings, response, "service_tier", Json.nodes().textNode("default"));
        response.put("store", request.store());
        copy(settings, response, "temperature", Json.nodes().numberNode(1.0));
        response.set("text", text(settings.get("text")));
        copy(settings, response, "tool_choice", Json.nodes().textNode("auto"));
        copy(settings, response, "tools", Json.array());
        copy(settings, response, "top_logprobs", Json.nodes().numberNode(0));
        copy(settings, response, "top_p", Json.nodes().numberNode(1.0));
        copy(settings, response, "truncation", Json.nodes().textNode("disabled"));
        response.set("usage", usage);
        copy(settings, response, "user", null);
        ObjectNode metadata = response.putObject("metadata");
        request.metadata().forEach(metadata::put);
        return response;
    }

    private static void copy(ObjectNode settings, ObjectNode response, String name, JsonNode fallback) {
        JsonNode value = settings.get(name);
        response.set(name, value != null ? value : fallback == null ? Json.nodes().nullNode() : fallback);
    }

    private static ObjectNode defaultReasoning() {
        ObjectNode reasoning = Json.object();
        reasoning.putNull("effort");
        reasoning.putNull("summary");
        return reasoning;
    }

    /** The request's {@code text}, with the defaults OpenAI reports for what it leaves out. */
    private static ObjectNode text(JsonNode given) {
        ObjectNode text = Json.object();
        text.putObject("format").put("type", "text");
        text.put("verbosity", "medium");
        if (given != null) {
            given.properties().forEach(field -> {
                if (!field.getValue().isNull()) text.set(field.getKey(), field.getValue());
            });
        }
        return text;
    }

    static ObjectNode error(String code, String message) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        return error;
    }
}
