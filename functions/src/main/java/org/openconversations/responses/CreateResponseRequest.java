package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openconversations.domain.ItemNormalizer;
import org.openconversations.domain.Metadata;
import org.openconversations.domain.NewItem;
import org.openconversations.domain.RequestBody;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

/**
 * A validated {@code POST /v1/responses} body (contract section 7).
 *
 * @param input the new input items, normalised and id'd as they will be stored
 * @param settings the generation fields the upstream receives and the response echoes (tools, tool_choice,
 *     temperature, text, reasoning, ...), exactly as sent
 */
public record CreateResponseRequest(
        String model,
        List<NewItem> input,
        String instructions,
        String conversationId,
        String previousResponseId,
        boolean store,
        boolean stream,
        Map<String, String> metadata,
        ObjectNode settings) {

    static final int MAX_INPUT_LENGTH = 10_485_760;
    static final int MAX_TOOLS = 128;
    static final List<String> TOOL_CHOICES = List.of("none", "auto", "required");
    static final List<String> TRUNCATIONS = List.of("auto", "disabled");
    /** Passed to the upstream and echoed in the response. */
    static final List<String> SETTINGS = List.of(
            "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p", "top_logprobs",
            "max_output_tokens", "max_tool_calls", "text", "reasoning", "user", "safety_identifier",
            "prompt_cache_key", "prompt_cache_retention", "service_tier", "truncation");
    private static final Set<String> KNOWN;

    static {
        Set<String> known = new HashSet<>(SETTINGS);
        known.addAll(List.of("model", "input", "instructions", "conversation", "previous_response_id", "store",
                "stream", "stream_options", "metadata", "include", "background", "context_management", "prompt"));
        KNOWN = Set.copyOf(known);
    }

    public static CreateResponseRequest parse(JsonNode json) {
        ObjectNode body = RequestBody.object(json, KNOWN);
        String model = BodyFields.string(body, "model");
        if (model == null || model.isEmpty()) throw InvalidRequestException.missingRequired("model");
        refuseUnsupported(body);

        String conversation = conversationId(body);
        String previous = BodyFields.string(body, "previous_response_id");
        if (conversation != null && previous != null) {
            throw InvalidRequestException.of(
                    "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id'"
                            + " or 'conversation'.",
                    null, "mutually_exclusive_parameters");
        }
        Boolean store = BodyFields.bool(body, "store");
        Boolean stream = BodyFields.bool(body, "stream");
        BodyFields.object(body, "stream_options");
        if (BodyFields.present(body, "include") != null && !body.get("include").isArray()) {
            throw InvalidRequestException.invalidType("include", "an array", Json.describeType(body.get("include")));
        }
        return new CreateResponseRequest(
                model,
                input(body),
                BodyFields.string(body, "instructions"),
                conversation,
                previous,
                store == null || store,
                stream != null && stream,
                Metadata.parse(body.get("metadata")),
                settings(body));
    }

    private static void refuseUnsupported(ObjectNode body) {
        if (Boolean.TRUE.equals(BodyFields.bool(body, "background"))) {
            throw InvalidRequestException.unsupported("background",
                    "Background mode is not supported by this server: send the request without 'background'.");
        }
        if (BodyFields.present(body, "context_management") != null) {
            throw InvalidRequestException.unsupported("context_management",
                    "Server-side compaction ('context_management') is not supported by this server yet.");
        }
        if (BodyFields.present(body, "prompt") != null) {
            throw InvalidRequestException.unsupported("prompt",
                    "Stored prompts ('prompt') are not supported by this server: send 'instructions' and 'input'.");
        }
    }

    private static String conversationId(ObjectNode body) {
        JsonNode conversation = BodyFields.present(body, "conversation");
        if (conversation == null) return null;
        if (conversation.isTextual()) return conversation.textValue();
        if (conversation.isObject() && conversation.path("id").isTextual()) return conversation.get("id").textValue();
        if (conversation.isObject()) throw InvalidRequestException.missingRequired("conversation.id");
        throw InvalidRequestException.invalidType(
                "conversation", "a string or an object", Json.describeType(conversation));
    }

    private static List<NewItem> input(ObjectNode body) {
        JsonNode input = BodyFields.present(body, "input");
        if (input == null) return List.of();
        if (input.isTextual()) {
            if (Json.length(input.textValue()) > MAX_INPUT_LENGTH) {
                throw InvalidRequestException.stringTooLong("input", MAX_INPUT_LENGTH, Json.length(input.textValue()));
            }
            ObjectNode message = Json.object();
            message.put("role", "user");
            message.put("content", input.textValue());
            return List.of(ItemNormalizer.normalize(message, "input"));
        }
        if (!input.isArray()) {
            throw InvalidRequestException.invalidType("input", "a string or an array", Json.describeType(input));
        }
        List<NewItem> items = new ArrayList<>(input.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            NewItem item = ItemNormalizer.normalize(input.get(i), "input[" + i + "]");
            if (!ids.add(item.id())) throw InvalidRequestException.duplicateItem(item.id(), "input");
            items.add(item);
        }
        return items;
    }

    private static ObjectNode settings(ObjectNode body) {
        checkTools(body);
        checkToolChoice(body);
        BodyFields.bool(body, "parallel_tool_calls");
        BodyFields.decimal(body, "temperature", "0", "2");
        BodyFields.decimal(body, "top_p", "0", "1");
        BodyFields.integer(body, "top_logprobs", 0, 20);
        BodyFields.integer(body, "max_output_tokens", 16, Integer.MAX_VALUE);
        BodyFields.integer(body, "max_tool_calls", 1, Integer.MAX_VALUE);
        BodyFields.object(body, "text");
        BodyFields.object(body, "reasoning");
        BodyFields.string(body, "user");
        BodyFields.string(body, "safety_identifier", 64);
        BodyFields.string(body, "prompt_cache_key", 64);
        BodyFields.string(body, "prompt_cache_retention");
        BodyFields.string(body, "service_tier");
        BodyFields.oneOf(body, "truncation", TRUNCATIONS);
        checkTextFormat(body);
        ObjectNode settings = Json.object();
        for (String name : SETTINGS) {
            JsonNode value = BodyFields.present(body, name);
            if (value != null) settings.set(name, value);
        }
        return settings;
    }

    private static void checkTools(ObjectNode body) {
        JsonNode tools = BodyFields.present(body, "tools");
        if (tools == null) return;
        if (!tools.isArray()) throw InvalidRequestException.invalidType("tools", "an array", Json.describeType(tools));
        if (tools.size() > MAX_TOOLS) throw InvalidRequestException.arrayTooLong("tools", MAX_TOOLS, tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String param = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) throw InvalidRequestException.invalidType(param, "an object", Json.describeType(tool));
            if (!tool.path("type").isTextual()) throw InvalidRequestException.missingRequired(param + ".type");
            if (tool.get("type").textValue().equals("function") && !tool.path("name").isTextual()) {
                throw InvalidRequestException.missingRequired(param + ".name");
            }
        }
    }

    private static void checkToolChoice(ObjectNode body) {
        JsonNode choice = BodyFields.present(body, "tool_choice");
        if (choice == null) return;
        if (choice.isTextual()) {
            if (!TOOL_CHOICES.contains(choice.textValue())) {
                throw InvalidRequestException.invalidValue("tool_choice", choice.textValue(), TOOL_CHOICES);
            }
        } else if (!choice.isObject() || !choice.path("type").isTextual()) {
            throw InvalidRequestException.invalidType(
                    "tool_choice", "a string or an object with a type", Json.describeType(choice));
        }
    }

    private static void checkTextFormat(ObjectNode body) {
        JsonNode format = body.path("text").path("format");
        if (!format.isObject() || !"json_schema".equals(format.path("type").asText())) return;
        String name = format.path("name").asText("");
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw InvalidRequestException.of(
                    "Invalid 'text.format.name': a name of 1 to 64 letters, digits, '_' or '-' is required.",
                    "text.format.name", "invalid_value");
        }
        if (!format.path("schema").isObject()) throw InvalidRequestException.missingRequired("text.format.schema");
    }

    /** The input items as a JSON array, in their stored form. */
    public ArrayNode inputJson() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        input.forEach(item -> array.add(item.json()));
        return array;
    }
}
