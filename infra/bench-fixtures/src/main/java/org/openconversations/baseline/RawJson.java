package org.openconversations.baseline;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** JSON through the SDK's own small parser, written back by hand: no JSON library of its own. */
final class RawJson {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RawJson() {}

    static Map<String, JsonNode> object(String body) {
        if (body == null || body.isBlank()) return Map.of();
        JsonNode node = JsonNode.parser().parse(body);
        return node.isObject() ? node.asObject() : Map.of();
    }

    static Map<String, AttributeValue> stringMap(JsonNode node) {
        Map<String, AttributeValue> map = new HashMap<>();
        if (node != null && node.isObject()) {
            node.asObject().forEach((key, value) -> map.put(key, AttributeValue.fromS(value.asString())));
        }
        return map;
    }

    /** The field's text, or null when it is absent or not a string. */
    static String string(JsonNode node, String field) {
        JsonNode value = field(node, field);
        return value != null && value.isString() ? value.asString() : null;
    }

    /** The field, or null when it is absent or {@code node} is not an object. */
    static JsonNode field(JsonNode node, String field) {
        return node != null && node.isObject() ? node.asObject().get(field) : null;
    }

    static List<JsonNode> array(JsonNode node) {
        return node != null && node.isArray() ? node.asArray() : List.of();
    }

    /** An item's type; a {role, content} without one is a message, as the API reads it. */
    static String type(JsonNode item) {
        String type = string(item, "type");
        return type != null ? type : field(item, "role") != null ? "message" : "";
    }

    static JsonNode parse(String json) {
        return JsonNode.parser().parse(json);
    }

    static String newId(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isNull()) {
            out.append("null");
        } else if (node.isString()) {
            out.append(RawReply.quote(node.asString()));
        } else if (node.isNumber()) {
            out.append(node.asNumber());
        } else if (node.isBoolean()) {
            out.append(node.asBoolean());
        } else if (node.isArray()) {
            List<JsonNode> array = node.asArray();
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) out.append(',');
                write(array.get(i), out);
            }
            out.append(']');
        } else {
            out.append('{');
            boolean first = true;
            for (var entry : node.asObject().entrySet()) {
                if (!first) out.append(',');
                first = false;
                out.append(RawReply.quote(entry.getKey())).append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        }
    }
}
