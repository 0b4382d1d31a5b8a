package org.openconversations.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

/** OpenAI's metadata rules: at most 16 string pairs, keys up to 64 characters, values up to 512. */
public final class Metadata {
    public static final int MAX_PAIRS = 16;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 512;

    private Metadata() {}

    /** Validates a metadata value; JSON null and an absent value both mean "no metadata". */
    public static Map<String, String> parse(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) return metadata;
        if (!node.isObject()) {
            throw InvalidRequestException.invalidType("metadata", "an object", Json.describeType(node));
        }
        if (node.size() > MAX_PAIRS) {
            throw InvalidRequestException.of(
                    "Invalid 'metadata': too many properties. Expected an object with at most " + MAX_PAIRS
                            + " properties, but got an object with " + node.size() + " properties instead.",
                    "metadata", "object_above_max_properties");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pair = it.next();
            String key = pair.getKey();
            String param = "metadata." + key;
            // DynamoDB refuses an empty attribute name, and a conversation's metadata is a DynamoDB map.
            if (key.isEmpty()) {
                throw InvalidRequestException.of(
                        "Invalid 'metadata': empty key. Expected a key with minimum length 1, but got an empty key"
                                + " instead.",
                        "metadata", "string_below_min_length");
            }
            if (Json.length(key) > MAX_KEY_LENGTH) {
                throw InvalidRequestException.of(
                        "Invalid 'metadata': key too long. Expected a key with maximum length " + MAX_KEY_LENGTH
                                + ", but got a key with length " + Json.length(key) + " instead.",
                        "metadata", "string_above_max_length");
            }
            JsonNode value = pair.getValue();
            if (!value.isTextual()) {
                throw InvalidRequestException.invalidType(param, "a string", Json.describeType(value));
            }
            int length = Json.length(value.textValue());
            if (length > MAX_VALUE_LENGTH) {
                throw InvalidRequestException.stringTooLong(param, MAX_VALUE_LENGTH, length);
            }
            metadata.put(key, value.textValue());
        }
        return metadata;
    }
}
