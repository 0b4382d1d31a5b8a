package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openconversations.domain.Includes;
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
 *     temperature, text, reasoning, ...), exactly as sent; also {@code include}, which only the upstream receives
 * @param compaction when to compact the context first ({@code context_management}, a trailing
 *     {@code compaction_trigger} input item)
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
        ObjectNode settings,
        Compaction compaction) {

    /**
     * Server-side compaction asked for.
     *
     * @param threshold compact when the context passes this many tokens; null for the default share of the window
     * @param forced a {@code compaction_trigger} ended the input: compact whatever the size
     */
    public record Compaction(boolean enabled, Integer threshold, boolean forced) {
        static final Compaction NONE = new Compaction(false, null, false);
    }

    /** The three bodies that describe a context: they share fields, parsing and validation. */
    public enum Kind {
        /** {@code POST /v1/responses}. */
        CREATE,
        /** {@code POST /v1/responses/input_tokens}: model optional, nothing generated or stored. */
        COUNT,
        /** {@code POST /v1/responses/compact}. */
        COMPACT
    }

    static final int MAX_INPUT_LENGTH = 10_485_760;
    static final int MAX_TOOLS = 128;
    static final List<String> TOOL_CHOICES = List.of("none", "auto", "required");
    static final List<String> TRUNCATIONS = List.of("auto", "disabled");
    static final List<String> TEXT_FORMATS = List.of("text", "json_object", "json_schema");
    static final List<String> VERBOSITIES = List.of("low", "medium", "high");
    static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");
    static final List<String> SUMMARIES = List.of("auto", "concise", "detailed");
    static final List<String> SERVICE_TIERS = List.of("auto", "default", "flex", "scale", "priority", "fast",
            "ultrafast");
    // The contract spells it in_memory; openai-python's types spell it in-memory. Both reach OpenAI as sent.
    static final List<String> CACHE_RETENTIONS = List.of("in_memory", "in-memory", "24h");
    /** Passed to the upstream and echoed in the response. */
    static final List<String> SETTINGS = List.of(
            "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p", "top_logprobs",
            "max_output_tokens", "max_tool_calls", "text", "reasoning", "user", "safety_identifier",
            "prompt_cache_key", "prompt_cache_retention", "service_tier", "truncation");
    static final int MIN_COMPACT_THRESHOLD = 1_000;
    private static final Set<String> KNOWN;
    /** S1 {@code TokenCountsBody}; personality is accepted and has no effect here. */
    private static final Set<String> COUNT_KNOWN = Set.of("model", "input", "previous_response_id", "tools", "text",
            "reasoning", "truncation", "instructions", "conversation", "tool_choice", "parallel_tool_calls",
            "personality");
    /** S1 compact body: the context, and what is passed through to the upstream that writes the summary. */
    private static final Set<String> COMPACT_KNOWN = Set.of("model", "input", "previous_response_id",
            "instructions", "prompt_cache_key", "prompt_cache_retention", "service_tier");

    static {
        Set<String> known = new HashSet<>(SETTINGS);
        known.addAll(List.of("model", "input", "instructions", "conversation", "previous_response_id", "store",
                "stream", "stream_options", "metadata", "include", "background", "context_management", "prompt",
                "moderation"));
        KNOWN = Set.copyOf(known);
    }

    public static CreateResponseRequest parse(JsonNode json) {
        return parse(json, Kind.CREATE);
    }

    public static CreateResponseRequest parse(JsonNode json, Kind kind) {
        ObjectNode body = RequestBody.object(json, switch (kind) {
            case CREATE -> KNOWN;
            case COUNT -> COUNT_KNOWN;
            case COMPACT -> COMPACT_KNOWN;
        });
        String model = BodyFields.string(body, "model");
        if (kind != Kind.COUNT && (model == null || model.isEmpty())) {
            throw InvalidRequestException.missingRequired("model");
        }
        refuseUnsupported(body);
        BodyFields.string(body, "personality");

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
        checkInclude(body);
        List<JsonNode> given = inputElements(body);
        boolean trigger = endsWithTrigger(given);
        if (trigger) given = given.subList(0, given.size() - 1);
        Compaction compaction = compaction(body, trigger);
        return new CreateResponseRequest(
                model,
                input(given, body.path("input").isTextual()),
                BodyFields.string(body, "instructions"),
                conversation,
                previous,
                kind == Kind.CREATE && (store == null || store),
                kind == Kind.CREATE && stream != null && stream,
                Metadata.parse(body.get("metadata")),
                settings(body),
                compaction);
    }

    /** Whether compaction is wanted for a context of {@code tokens}, given the model's usable window. */
    boolean compactsAt(int tokens, int usableWindow) {
        if (compaction.forced()) return true;
        if (!compaction.enabled()) return false;
        int threshold = compaction.threshold() != null ? compaction.threshold() : usableWindow * 4 / 5;
        return tokens > threshold;
    }

    boolean truncates() {
        return "auto".equals(settings.path("truncation").asText());
    }

    private static Compaction compaction(ObjectNode body, boolean trigger) {
        JsonNode management = BodyFields.present(body, "context_management");
        if (management == null) return trigger ? new Compaction(true, null, true) : Compaction.NONE;
        if (!management.isArray()) {
            throw InvalidRequestException.invalidType(
                    "context_management", "an array", Json.describeType(management));
        }
        if (management.isEmpty()) {
            throw InvalidRequestException.of("Invalid 'context_management': empty array. Expected an array with"
                    + " minimum length 1, but got an empty array instead.", "context_management", "empty_array");
        }
        Integer threshold = null;
        for (int i = 0; i < management.size(); i++) {
            String param = "context_management[" + i + "]";
            ObjectNode object = RequestBody.object(management.get(i), Set.of("type", "compact_threshold"), param);
            if (!object.path("type").isTextual()) throw InvalidRequestException.missingRequired(param + ".type");
            if (!object.get("type").textValue().equals("compaction")) {
                throw InvalidRequestException.invalidValue(
                        param + ".type", object.get("type").textValue(), List.of("compaction"));
            }
            JsonNode value = BodyFields.present(object, "compact_threshold");
            if (value != null) {
                BodyFields.integer(object, "compact_threshold", param + ".compact_threshold", MIN_COMPACT_THRESHOLD,
                        Integer.MAX_VALUE);
                threshold = value.intValue();
            }
        }
        return new Compaction(true, threshold, trigger);
    }

    private static void refuseUnsupported(ObjectNode body) {
        if (Boolean.TRUE.equals(BodyFields.bool(body, "background"))) {
            throw InvalidRequestException.unsupported("background",
                    "Background mode is not supported by this server: send the request without 'background'.");
        }
        if (BodyFields.present(body, "prompt") != null) {
            throw InvalidRequestException.unsupported("prompt",
                    "Stored prompts ('prompt') are not supported by this server: send 'instructions' and 'input'.");
        }
        // A safety control is refused rather than dropped: no chat upstream can moderate, and a caller relying on
        // it must not get an unmoderated answer that looks moderated.
        if (BodyFields.present(body, "moderation") != null) {
            throw InvalidRequestException.unsupported("moderation",
                    "Moderation ('moderation') is not supported by this server: moderate the input and the answer"
                            + " yourself, and send the request without it.");
        }
    }

    private static String conversationId(ObjectNode body) {
        JsonNode conversation = BodyFields.present(body, "conversation");
        if (conversation == null) return null;
        if (conversation.isTextual()) return conversation.textValue();
        if (!conversation.isObject()) {
            throw InvalidRequestException.invalidType(
                    "conversation", "a string or an object", Json.describeType(conversation));
        }
        ObjectNode reference = RequestBody.object(conversation, Set.of("id"), "conversation");
        String id = BodyFields.string(reference, "id", "conversation.id");
        if (id == null) throw InvalidRequestException.missingRequired("conversation.id");
        return id;
    }

    /**
     * Values the item routes accept too (contract section 3). Stored items are returned whole, so none changes
     * what is stored; {@code message.output_text.logprobs} also asks the upstream for log probabilities.
     */
    private static void checkInclude(ObjectNode body) {
        JsonNode include = BodyFields.present(body, "include");
        if (include == null) return;
        if (!include.isArray()) throw InvalidRequestException.invalidType("include", "an array", Json.describeType(include));
        for (int i = 0; i < include.size(); i++) {
            JsonNode value = include.get(i);
            if (!value.isTextual()) {
                throw InvalidRequestException.invalidType("include[" + i + "]", "a string", Json.describeType(value));
            }
            Includes.check(value.textValue(), "include[" + i + "]");
        }
    }

    /** The input as a list of item JSON: a string is one user message. */
    private static List<JsonNode> inputElements(ObjectNode body) {
        JsonNode input = BodyFields.present(body, "input");
        if (input == null) return List.of();
        if (input.isTextual()) {
            if (Json.length(input.textValue()) > MAX_INPUT_LENGTH) {
                throw InvalidRequestException.stringTooLong("input", MAX_INPUT_LENGTH, Json.length(input.textValue()));
            }
            ObjectNode message = Json.object();
            message.put("role", "user");
            message.put("content", input.textValue());
            return List.of(message);
        }
        if (!input.isArray()) {
            throw InvalidRequestException.invalidType("input", "a string or an array", Json.describeType(input));
        }
        List<JsonNode> elements = new ArrayList<>(input.size());
        input.forEach(elements::add);
        return elements;
    }

    /**
     * A {@code compaction_trigger} item asks for compaction now; it is an instruction, not an item, so it is
     * never stored, and like OpenAI we accept it only as the last input item.
     */
    private static boolean endsWithTrigger(List<JsonNode> input) {
        for (int i = 0; i < input.size(); i++) {
            if (!"compaction_trigger".equals(input.get(i).path("type").asText())) continue;
            if (i != input.size() - 1) {
                throw InvalidRequestException.of("Invalid 'input[" + i + "]': a compaction_trigger item must be the"
                        + " last input item.", "input[" + i + "]", "invalid_value");
            }
            return true;
        }
        return false;
    }

    private static List<NewItem> input(List<JsonNode> input, boolean fromString) {
        List<NewItem> items = new ArrayList<>(input.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String param = fromString ? "input" : "input[" + i + "]";
            NewItem item = ItemNormalizer.normalize(input.get(i), param);
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
        checkText(body);
        checkReasoning(body);
        BodyFields.string(body, "user");
        BodyFields.string(body, "safety_identifier", 64);
        BodyFields.string(body, "prompt_cache_key", 64);
        // Enumerations are checked here, not left to the upstream: a chat upstream would drop or misread a
        // value it does not know (an unknown text format silently became plain text) and still answer 200.
        BodyFields.oneOf(body, "prompt_cache_retention", CACHE_RETENTIONS);
        BodyFields.oneOf(body, "service_tier", SERVICE_TIERS);
        BodyFields.oneOf(body, "truncation", TRUNCATIONS);
        ObjectNode settings = Json.object();
        for (String name : SETTINGS) {
            JsonNode value = BodyFields.present(body, name);
            if (value != null) settings.set(name, value);
        }
        // Not echoed (a Response has no include), but the upstream needs it to know whether to return logprobs.
        JsonNode include = BodyFields.present(body, "include");
        if (include != null) settings.set("include", include);
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

    private static void checkReasoning(ObjectNode body) {
        BodyFields.object(body, "reasoning");
        if (!(BodyFields.present(body, "reasoning") instanceof ObjectNode reasoning)) return;
        BodyFields.oneOf(reasoning, "effort", "reasoning.effort", EFFORTS);
        BodyFields.oneOf(reasoning, "summary", "reasoning.summary", SUMMARIES);
    }

    private static void checkText(ObjectNode body) {
        BodyFields.object(body, "text");
        if (!(BodyFields.present(body, "text") instanceof ObjectNode text)) return;
        BodyFields.oneOf(text, "verbosity", "text.verbosity", VERBOSITIES);
        JsonNode given = BodyFields.present(text, "format");
        if (given == null) return;
        if (!given.isObject()) throw InvalidRequestException.invalidType("text.format", "an object", Json.describeType(given));
        ObjectNode format = (ObjectNode) given;
        if (BodyFields.present(format, "type") == null) throw InvalidRequestException.missingRequired("text.format.type");
        BodyFields.oneOf(format, "type", "text.format.type", TEXT_FORMATS);
        if (!"json_schema".equals(format.get("type").textValue())) return;
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
        ArrayNode array = Json.array();
        input.forEach(item -> array.add(item.json()));
        return array;
    }
}
