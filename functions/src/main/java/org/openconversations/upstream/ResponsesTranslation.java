package org.openconversations.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openconversations.domain.Ids;
import org.openconversations.domain.ItemKind;
import org.openconversations.domain.ItemCatalog;
import org.openconversations.json.Json;

/**
 * Our model call as a stateless Responses request, and the upstream's response back to output items of ours.
 * Pure: no I/O.
 *
 * <p>Request: {@code store:false} (we store the turn, the upstream must not), the context as {@code input}
 * without our {@code id} and {@code status} (the upstream would try to resolve our ids and fail), and
 * {@code include:["reasoning.encrypted_content"]} added to any include the settings carry, so that reasoning
 * can be replayed later without upstream state; the client's {@code message.output_text.logprobs} stays in it,
 * and is what makes the upstream return logprobs. Context messages go with their output_text logprobs emptied:
 * the model does not read them and they can be large. Reasoning items without {@code encrypted_content} are
 * left out of the input: without an id and without it the upstream can do nothing with them. The settings are
 * already in Responses form and pass through, except fields that decide where the state lives ({@code store},
 * {@code stream}, {@code background}, {@code conversation}, {@code previous_response_id}), which are ours.
 *
 * <p>Result: each output item gets an id of ours with its type's prefix ({@code item} for a type our catalog
 * does not know), keeps every other field (output_text logprobs included), and output_text parts get the empty
 * {@code annotations} and {@code logprobs} our stored form always has when they come without. Status
 * {@code failed} is {@code UNAVAILABLE}; a missing status counts as completed; {@code in_progress},
 * {@code queued} or {@code cancelled} cannot answer a call that neither streams nor runs in the background and
 * are {@code UNAVAILABLE} too.
 */
final class ResponsesTranslation {
    static final String UNKNOWN_TYPE_PREFIX = "item";
    private static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";
    private static final Set<String> OURS = Set.of(
            "model", "input", "instructions", "store", "stream", "background", "conversation",
            "previous_response_id", "include");

    private ResponsesTranslation() {}

    static ObjectNode requestBody(ModelRequest request) {
        ObjectNode settings = request.settings() == null ? Json.object() : request.settings();
        ObjectNode body = Json.object();
        body.put("model", request.model());
        if (request.instructions() != null) body.put("instructions", request.instructions());
        body.set("input", input(request.context()));
        for (Map.Entry<String, JsonNode> field : settings.properties()) {
            if (!OURS.contains(field.getKey())) body.set(field.getKey(), field.getValue().deepCopy());
        }
        body.put("store", false);
        ArrayNode include = body.putArray("include");
        for (JsonNode value : settings.path("include")) {
            if (!value.asText().equals(ENCRYPTED_REASONING)) include.add(value.deepCopy());
        }
        include.add(ENCRYPTED_REASONING);
        return body;
    }

    static ArrayNode input(List<ObjectNode> context) {
        ArrayNode input = Json.array();
        for (ObjectNode item : context == null ? List.<ObjectNode>of() : context) {
            if ("reasoning".equals(item.path("type").asText()) && !item.path("encrypted_content").isTextual()) {
                continue;
            }
            ObjectNode sent = item.deepCopy();
            sent.remove("id");
            sent.remove("status");
            Logprobs.clear(sent);
            input.add(sent);
        }
        return input;
    }

    static ModelResult result(JsonNode response) {
        String status = response.path("status").isTextual() ? response.get("status").textValue() : "completed";
        String incompleteReason = null;
        switch (status) {
            case "completed" -> { }
            case "incomplete" -> incompleteReason = response.path("incomplete_details").path("reason").asText(null);
            case "failed" -> {
                String message = response.path("error").path("message").asText(null);
                throw UpstreamException.unavailable(
                        "Upstream model failed" + (message != null ? ": " + message : ""));
            }
            default -> throw UpstreamException.unavailable("Upstream model answered with status '" + status + "'");
        }
        JsonNode given = response.get("output");
        if (given != null && !given.isNull() && !given.isArray()) {
            throw UpstreamException.unavailable("Upstream model replied with an output that is not an array");
        }
        List<ObjectNode> output = new ArrayList<>();
        if (given != null) {
            for (JsonNode item : given) {
                if (!item.isObject()) {
                    throw UpstreamException.unavailable("Upstream model replied with an output item that is not"
                            + " an object");
                }
                output.add(ours((ObjectNode) item));
            }
        }
        return new ModelResult(output, Usage.completed(response.get("usage")), status, incompleteReason);
    }

    private static ObjectNode ours(ObjectNode item) {
        String type = item.path("type").asText();
        ItemKind kind = ItemCatalog.kind(type);
        ObjectNode result = Json.object();
        result.put("type", type);
        result.put("id", Ids.newId(kind == null ? UNKNOWN_TYPE_PREFIX : kind.idPrefix()));
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            if (!result.has(field.getKey())) result.set(field.getKey(), field.getValue().deepCopy());
        }
        if (type.equals("message")) {
            for (JsonNode part : result.path("content")) {
                if (part.isObject() && "output_text".equals(part.path("type").asText())) {
                    ObjectNode text = (ObjectNode) part;
                    if (!text.path("annotations").isArray()) text.putArray("annotations");
                    if (!text.path("logprobs").isArray()) text.putArray("logprobs");
                }
            }
        }
        if (type.equals("reasoning") && !result.path("summary").isArray()) result.putArray("summary");
        return result;
    }
}
