package org.openconversations.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

/**
 * Turns one input item (contract sections 4 and 4.2) into the stored item resource: validates what the
 * contract makes required, assigns id and status, expands string message content, and keeps every other
 * field exactly as sent so that unknown fields round-trip.
 */
public final class ItemNormalizer {
    static final List<String> ROLES = List.of("user", "assistant", "system", "developer");
    static final List<String> ASSISTANT_PARTS = List.of("output_text", "refusal");
    static final List<String> INPUT_PARTS = List.of("input_text", "input_image", "input_file");
    static final List<String> IMAGE_DETAILS = List.of("low", "high", "auto", "original");
    static final List<String> PHASES = List.of("commentary", "final_answer");
    static final int MAX_CALL_ID_LENGTH = 64;
    static final int MAX_OUTPUT_LENGTH = 10_485_760;
    static final int MAX_ENCRYPTED_CONTENT_LENGTH = 20_971_520;

    private ItemNormalizer() {}

    /** @param param where the item sits in the request, e.g. {@code items[3]}, for error messages */
    public static NewItem normalize(JsonNode raw, String param) {
        if (!raw.isObject()) {
            throw InvalidRequestException.invalidType(param, "an object", Json.describeType(raw));
        }
        // A shallow copy: a check may replace a top-level field (a tool output's parts get their defaults), and
        // the caller's node must stay as sent.
        ObjectNode item = Json.object().setAll((ObjectNode) raw);
        ItemKind kind = kindOf(item, param);
        String clientId = optionalString(item, "id", param);
        String id = clientId == null ? Ids.newId(kind.idPrefix()) : checkedId(clientId, kind, param + ".id");

        switch (kind.type()) {
            case "message" -> checkMessage(item, param);
            case "function_call" -> checkFunctionCall(item, param);
            case "function_call_output" -> checkFunctionCallOutput(item, param);
            case "custom_tool_call_output" -> checkCustomToolCallOutput(item, param);
            case "reasoning" -> checkReasoning(item, clientId, param);
            case "compaction" -> checkCompaction(item, param);
            default -> { }
        }
        String status = statusOf(item, kind, param);

        ObjectNode stored = Json.object();
        stored.put("type", kind.type());
        stored.put("id", id);
        if (status != null) stored.put("status", status);
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!stored.has(field.getKey())) stored.set(field.getKey(), field.getValue());
        }
        if (kind.type().equals("message")) {
            stored.set("content", messageContent(item, param));
        }
        return new NewItem(id, stored, clientId != null);
    }

    private static ItemKind kindOf(ObjectNode item, String param) {
        JsonNode type = item.get("type");
        if (type == null || type.isNull()) {
            // EasyInputMessage: {role, content} with no type is a message.
            if (item.has("role")) return ItemCatalog.kind("message");
            // item_reference is the one other form whose type may be left out (contract 4.2): {id} alone.
            // There is no type to point at, so the error points at the item.
            if (item.hasNonNull("id")) throw itemReferenceRefused(param);
            throw InvalidRequestException.missingRequired(param + ".type");
        }
        if (!type.isTextual()) {
            throw InvalidRequestException.invalidType(param + ".type", "a string", Json.describeType(type));
        }
        ItemKind kind = ItemCatalog.kind(type.textValue());
        if (kind != null) return kind;
        if (type.textValue().equals("item_reference")) throw itemReferenceRefused(param + ".type");
        if (type.textValue().equals("compaction_trigger")) {
            throw InvalidRequestException.of(
                    "Invalid value: 'compaction_trigger'. It asks POST /v1/responses to compact, as the last input"
                            + " item; it is not an item that can be stored.",
                    param + ".type", "invalid_value");
        }
        throw InvalidRequestException.invalidValue(param + ".type", type.textValue(), ItemCatalog.types());
    }

    private static InvalidRequestException itemReferenceRefused(String param) {
        return InvalidRequestException.of(
                "Invalid value: 'item_reference'. Items of this type are not supported by this server:"
                        + " send the referenced item itself.",
                param, "invalid_value");
    }

    private static String checkedId(String id, ItemKind kind, String param) {
        if (!id.startsWith(kind.idPrefix() + "_")) {
            throw InvalidRequestException.invalidIdPrefix(param, id, kind.idPrefix());
        }
        if (!Ids.isStorable(id)) {
            throw InvalidRequestException.of(
                    "Invalid '" + param + "': an id is 1 to 128 letters, digits, '_' or '-'.", param,
                    "invalid_value");
        }
        return id;
    }

    private static String statusOf(ObjectNode item, ItemKind kind, String param) {
        String status = optionalString(item, "status", param);
        if (status == null) return kind.defaultStatus();
        if (kind.hasStatus() && !kind.statuses().contains(status)) {
            throw InvalidRequestException.invalidValue(param + ".status", status, kind.statuses());
        }
        return status;
    }

    private static void checkMessage(ObjectNode item, String param) {
        String role = requireString(item, "role", param);
        if (!ROLES.contains(role)) {
            throw InvalidRequestException.invalidValue(param + ".role", role, ROLES);
        }
        String phase = optionalString(item, "phase", param);
        if (phase != null) {
            if (!role.equals("assistant")) {
                throw InvalidRequestException.of(
                        "Invalid '" + param + ".phase': only assistant messages have a phase.", param + ".phase",
                        "invalid_value");
            }
            if (!PHASES.contains(phase)) throw InvalidRequestException.invalidValue(param + ".phase", phase, PHASES);
        }
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) throw InvalidRequestException.missingRequired(param + ".content");
        if (!content.isTextual() && !content.isArray()) {
            throw InvalidRequestException.invalidType(
                    param + ".content", "one of a string or array of objects", Json.describeType(content));
        }
    }

    /** Message content as stored: always an array of typed parts; a string becomes one text part. */
    private static ArrayNode messageContent(ObjectNode item, String param) {
        boolean assistant = item.get("role").textValue().equals("assistant");
        JsonNode content = item.get("content");
        ArrayNode parts = Json.array();
        if (content.isTextual()) {
            ObjectNode part = parts.addObject();
            part.put("type", assistant ? "output_text" : "input_text");
            part.put("text", content.textValue());
            if (assistant) {
                part.putArray("annotations");
                part.putArray("logprobs");
            }
            return parts;
        }
        List<String> allowed = assistant ? ASSISTANT_PARTS : INPUT_PARTS;
        for (int i = 0; i < content.size(); i++) {
            parts.add(contentPart(content.get(i), allowed, param + ".content[" + i + "]"));
        }
        return parts;
    }

    private static ObjectNode contentPart(JsonNode raw, List<String> allowed, String param) {
        if (!raw.isObject()) throw InvalidRequestException.invalidType(param, "an object", Json.describeType(raw));
        ObjectNode part = ((ObjectNode) raw).deepCopy();
        String type = requireString(part, "type", param);
        if (!allowed.contains(type)) throw InvalidRequestException.invalidValue(param, type, allowed);
        switch (type) {
            case "input_text" -> requireString(part, "text", param);
            case "output_text" -> {
                requireString(part, "text", param);
                part.set("annotations", arrayOfObjects(part, "annotations", param));
                part.set("logprobs", arrayOfObjects(part, "logprobs", param));
            }
            case "refusal" -> requireString(part, "refusal", param);
            case "input_image" -> {
                String detail = optionalString(part, "detail", param);
                if (detail == null) {
                    part.put("detail", "auto");
                } else if (!IMAGE_DETAILS.contains(detail)) {
                    throw InvalidRequestException.invalidValue(param + ".detail", detail, IMAGE_DETAILS);
                }
                requireOneOf(part, param, "image_url", "file_id");
            }
            case "input_file" -> requireOneOf(part, param, "file_id", "file_data", "file_url");
            default -> throw new IllegalStateException(type);
        }
        return part;
    }

    /**
     * An optional array whose elements are objects. Absent or null is stored as an empty array: openai-java
     * requires the array on read, so a value it could not parse must never be stored.
     */
    private static ArrayNode arrayOfObjects(ObjectNode node, String field, String param) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return Json.array();
        String arrayParam = param + "." + field;
        if (!value.isArray()) {
            throw InvalidRequestException.invalidType(arrayParam, "an array", Json.describeType(value));
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isObject()) {
                throw InvalidRequestException.invalidType(
                        arrayParam + "[" + i + "]", "an object", Json.describeType(element));
            }
        }
        return (ArrayNode) value;
    }

    private static void checkFunctionCall(ObjectNode item, String param) {
        requireString(item, "call_id", param);
        requireString(item, "name", param);
        requireString(item, "arguments", param);
    }

    private static void checkFunctionCallOutput(ObjectNode item, String param) {
        String callId = requireString(item, "call_id", param);
        if (callId.isEmpty()) throw InvalidRequestException.stringTooShort(param + ".call_id", 1, 0);
        if (Json.length(callId) > MAX_CALL_ID_LENGTH) {
            throw InvalidRequestException.stringTooLong(param + ".call_id", MAX_CALL_ID_LENGTH, Json.length(callId));
        }
        checkToolOutput(item, param);
    }

    private static void checkCustomToolCallOutput(ObjectNode item, String param) {
        // No 1-64 length rule: OpenAI documents it for function_call_output only, and the custom_tool_call whose
        // call_id this echoes is stored without one, so a bound here could refuse the output of a stored call.
        requireString(item, "call_id", param);
        checkToolOutput(item, param);
    }

    /**
     * A tool's output: a string, or input parts that get the same defaults as a message's. OpenAI documents the
     * string cap for function_call_output; custom outputs share it, as no request near that size reaches a
     * Lambda (6 MB payload) anyway.
     */
    private static void checkToolOutput(ObjectNode item, String param) {
        JsonNode output = item.get("output");
        if (output == null || output.isNull()) throw InvalidRequestException.missingRequired(param + ".output");
        if (output.isTextual()) {
            int length = Json.length(output.textValue());
            if (length > MAX_OUTPUT_LENGTH) {
                throw InvalidRequestException.stringTooLong(param + ".output", MAX_OUTPUT_LENGTH, length);
            }
        } else if (output.isArray()) {
            ArrayNode parts = Json.array();
            for (int i = 0; i < output.size(); i++) {
                parts.add(contentPart(output.get(i), INPUT_PARTS, param + ".output[" + i + "]"));
            }
            item.set("output", parts);
        } else {
            throw InvalidRequestException.invalidType(
                    param + ".output", "one of a string or array of objects", Json.describeType(output));
        }
    }

    private static void checkReasoning(ObjectNode item, String clientId, String param) {
        JsonNode summary = item.get("summary");
        if (summary == null || summary.isNull()) throw InvalidRequestException.missingRequired(param + ".summary");
        if (!summary.isArray()) {
            throw InvalidRequestException.invalidType(param + ".summary", "an array", Json.describeType(summary));
        }
        for (int i = 0; i < summary.size(); i++) {
            String partParam = param + ".summary[" + i + "]";
            JsonNode part = summary.get(i);
            if (!part.isObject()) {
                throw InvalidRequestException.invalidType(partParam, "an object", Json.describeType(part));
            }
            String type = requireString((ObjectNode) part, "type", partParam);
            if (!type.equals("summary_text")) {
                throw InvalidRequestException.invalidValue(partParam + ".type", type, List.of("summary_text"));
            }
            requireString((ObjectNode) part, "text", partParam);
        }
        String encrypted = optionalString(item, "encrypted_content", param);
        // The Conversations API refuses reasoning that can never be replayed (openai-agents-python#3352).
        if (clientId == null && encrypted == null) {
            throw InvalidRequestException.of(
                    "Invalid '" + param + "': a reasoning item needs an 'id' or 'encrypted_content'.", param,
                    "missing_required_parameter");
        }
    }

    private static void checkCompaction(ObjectNode item, String param) {
        String encrypted = requireString(item, "encrypted_content", param);
        if (Json.length(encrypted) > MAX_ENCRYPTED_CONTENT_LENGTH) {
            throw InvalidRequestException.stringTooLong(
                    param + ".encrypted_content", MAX_ENCRYPTED_CONTENT_LENGTH, Json.length(encrypted));
        }
    }

    private static String requireString(ObjectNode node, String field, String param) {
        String value = optionalString(node, field, param);
        if (value == null) throw InvalidRequestException.missingRequired(param + "." + field);
        return value;
    }

    private static String optionalString(ObjectNode node, String field, String param) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) {
            throw InvalidRequestException.invalidType(param + "." + field, "a string", Json.describeType(value));
        }
        return value.textValue();
    }

    private static void requireOneOf(ObjectNode node, String param, String... fields) {
        for (String field : fields) {
            if (optionalString(node, field, param) != null) return;
        }
        throw InvalidRequestException.missingRequired(param + "." + fields[0]);
    }
}
