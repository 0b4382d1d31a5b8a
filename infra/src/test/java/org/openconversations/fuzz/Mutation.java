package org.openconversations.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change to a valid request body. {@code pick} chooses where (modulo the candidates), {@code variant} what,
 * {@code text} is free generated text; applying a list of them is deterministic, so a failing case replays
 * exactly from its printed form.
 */
record Mutation(Kind kind, int pick, int variant, String text) {

    enum Kind {
        DELETE_FIELD, ADD_FIELD, RENAME_FIELD, WRONG_TYPE, ODD_STRING, HUGE_STRING, HUGE_ARRAY, DEEP_NESTING,
        NON_NUMERIC, DUPLICATE_KEY, WRAP, REPLACE_BODY, INVALID_UTF8, TRUNCATE, TRAILING_GARBAGE
    }

    @Override
    public String toString() {
        return kind + "(" + pick + "," + variant + "," + quote(text) + ")";
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> KNOWN_NAMES = List.of(
            "items", "metadata", "model", "input", "conversation", "previous_response_id", "stream", "store", "tools",
            "include", "id", "type", "role", "content", "status", "text", "call_id", "output", "instructions",
            "background", "prompt", "context_management", "stream_options", "temperature", "max_output_tokens",
            "__proto__", "constructor", "", " ", "ITEMS", "items ", "metadata\u0000", "tenant", "pk", "seq",
            "lock_owner", "next_seq", "after", "limit", "order");

    static final List<String> ODD_STRINGS = List.of(
            "", " ", "\u0000", "\n", "\t", "../../etc/passwd", "..%2F..%2F", "%00", "conv_%00", "\uD83D\uDE00",
            "e\u0301", "\u202E", "\uFEFF", "null", "undefined", "<script>alert(1)</script>", "' OR '1'='1",
            "${jndi:ldap://x/a}", "#", "default#conv_x", "default#@@CONV@@", "@@CONV@@#x", "@@CONV@@/items",
            "@@RESP@@", "@@ITEM0@@", "@@ITEM1@@", "@@CONV@@", "conv_" + "a".repeat(129), "\\", "\"", "{{7*7}}",
            "msg_", "msg", "resp_", "fc_", "a".repeat(10_000), "%s%n%x", "\r\n\r\n", "\uD835\uDD18\uD835\uDD2B",
            "\u0085", "\u2028", "message", "input_text", "output_text", "item_reference", "function_call",
            "compaction_trigger", "reasoning", "assistant", "system", "developer", "narrator", "auto", "none",
            "required", "json_schema", "0", "-1", "1e309", "true");

    /** JSON values, written as text, that a mapper cannot build: bad escapes, lone surrogates, bare controls. */
    static final List<String> RAW_STRINGS = List.of(
            "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\"", "\"\\u0000\"", "\"\\x41\"", "\"\\u12\"", "\"abc",
            "\"a\u0001b\"", "\"tab\there\"", "\"\\uDBFF\\uDFFF\"", "'single'", "\"\\/\"", "\"\\\"\"");

    static final List<String> NON_NUMERIC_TOKENS = List.of(
            "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "nan", "inf", "1e999999", "-1e999999",
            "1e-999999", "0x1F", "01", ".5", "1.", "+1", "-", "1e", "9".repeat(5_000), "1." + "0".repeat(2_000),
            "1E400", "-0", "123456789012345678901234567890", "0.1e-1000", "undefined", "True", "NULL");

    static final List<String> REPLACED_BODIES = List.of(
            "", " ", "\n", "null", "[]", "[{}]", "1", "\"x\"", "true", "{}", "{\"\":{}}", "\uFEFF{}", "/* c */{}",
            "{'a':1}", "{a:1}", "{\"a\":1,}", "[", "{", "}", "{\"items\":[]}", "{\"model\":\"m\"}", "\u0000",
            "<xml/>", "items=1&model=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--",
            "{}{}", "{} x", "\"\\ud800\"");

    private static final int[] HUGE_STRING_LENGTHS = {1_000, 10_000, 65_536, 300_000, 409_600, 1_000_000, 2_500_000};
    private static final String[] HUGE_STRING_UNITS = {"x", "\u00e9", "\uD83D\uDE00", "\u0000", "\""};
    private static final int[] HUGE_ARRAY_LENGTHS = {21, 101, 129, 1_000, 10_000, 100_000};
    private static final int[] DEPTHS = {2, 50, 500, 999, 1_000, 1_001, 2_000, 3_000, 5_000};

    private static final List<byte[]> BAD_UTF8 = List.of(
            new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE}, new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xA0, (byte) 0xA1}, new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1},
            new byte[] {(byte) 0xF0, (byte) 0x90, 0x28, (byte) 0xBC}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80,
                    (byte) 0x80, (byte) 0x80},
            new byte[] {0x00}, new byte[] {(byte) 0xE2, (byte) 0x82});

    private static final List<String> TRAILING = List.of("}", "]", " x", "{}", ",", "\u0000", "\n\n{}", " // c", "\"");

    // ---- building a body ----

    /** The valid body with the mutations applied, the fixture's ids put in, as bytes. */
    static byte[] apply(String template, List<Mutation> mutations, Map<String, String> ids) {
        ObjectNode holder = NODES.objectNode();
        holder.set("$", read(template));
        List<String> raws = new ArrayList<>();
        List<Mutation> onBytes = new ArrayList<>();
        for (Mutation mutation : mutations) {
            switch (mutation.kind()) {
                case INVALID_UTF8, TRUNCATE, TRAILING_GARBAGE -> onBytes.add(mutation);
                default -> mutation.applyToTree(holder, raws);
            }
        }
        String text = write(holder.get("$"));
        for (int i = raws.size() - 1; i >= 0; i--) text = text.replace("\"" + placeholder(i) + "\"", raws.get(i));
        text = resolve(text, ids);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (Mutation mutation : onBytes) bytes = mutation.applyToBytes(bytes);
        return bytes;
    }

    static String resolve(String text, Map<String, String> ids) {
        for (Map.Entry<String, String> id : ids.entrySet()) text = text.replace(id.getKey(), id.getValue());
        return text;
    }

    private record Slot(JsonNode container, String field, int index) {
        JsonNode value() {
            return container.isObject() ? container.get(field) : container.get(index);
        }

        void set(JsonNode value) {
            if (container instanceof ObjectNode object) object.set(field, value);
            else ((ArrayNode) container).set(index, value);
        }

        boolean isRoot() {
            return "$".equals(field);
        }
    }

    private void applyToTree(ObjectNode holder, List<String> raws) {
        List<Slot> slots = new ArrayList<>();
        collect(holder, slots);
        Slot slot = slots.get(Math.floorMod(pick, slots.size()));
        switch (kind) {
            case DELETE_FIELD -> {
                if (slot.isRoot()) slot.set(raw(raws, ""));
                else if (slot.container() instanceof ObjectNode object) object.remove(slot.field());
                else ((ArrayNode) slot.container()).remove(slot.index());
            }
            case ADD_FIELD -> {
                List<ObjectNode> objects = new ArrayList<>();
                for (Slot s : slots) if (s.value() instanceof ObjectNode o) objects.add(o);
                if (objects.isEmpty()) return;
                ObjectNode target = objects.get(Math.floorMod(pick, objects.size()));
                String name = variant % 3 == 0 ? text : KNOWN_NAMES.get(Math.floorMod(variant, KNOWN_NAMES.size()));
                target.set(name, junk(variant / 3));
            }
            case RENAME_FIELD -> {
                List<Slot> fields = slots.stream().filter(s -> s.container().isObject() && !s.isRoot()).toList();
                if (fields.isEmpty()) return;
                Slot field = fields.get(Math.floorMod(pick, fields.size()));
                rename((ObjectNode) field.container(), field.field(), newName(field.field()));
            }
            case WRONG_TYPE -> slot.set(junk(variant));
            case ODD_STRING -> {
                int choice = Math.floorMod(variant, ODD_STRINGS.size() + RAW_STRINGS.size() + 1);
                if (choice < ODD_STRINGS.size()) slot.set(NODES.textNode(ODD_STRINGS.get(choice)));
                else if (choice < ODD_STRINGS.size() + RAW_STRINGS.size()) {
                    slot.set(raw(raws, RAW_STRINGS.get(choice - ODD_STRINGS.size())));
                } else slot.set(NODES.textNode(text));
            }
            case HUGE_STRING -> {
                int length = HUGE_STRING_LENGTHS[Math.floorMod(variant, HUGE_STRING_LENGTHS.length)];
                String unit = HUGE_STRING_UNITS[Math.floorMod(variant / HUGE_STRING_LENGTHS.length, HUGE_STRING_UNITS.length)];
                slot.set(NODES.textNode(unit.repeat(length)));
            }
            case HUGE_ARRAY -> {
                int length = HUGE_ARRAY_LENGTHS[Math.floorMod(variant, HUGE_ARRAY_LENGTHS.length)];
                JsonNode element = slot.value() != null && slot.value().isArray() && !slot.value().isEmpty()
                        ? slot.value().get(0) : NODES.numberNode(1);
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < length; i++) array.add(element.deepCopy());
                slot.set(array);
            }
            case DEEP_NESTING -> slot.set(raw(raws, deep(DEPTHS[Math.floorMod(variant, DEPTHS.length)],
                    Math.floorMod(variant / DEPTHS.length, 4))));
            case NON_NUMERIC -> slot.set(raw(raws, NON_NUMERIC_TOKENS.get(Math.floorMod(variant, NON_NUMERIC_TOKENS.size()))));
            case DUPLICATE_KEY -> {
                List<Slot> objects = slots.stream()
                        .filter(s -> s.value() instanceof ObjectNode o && !o.isEmpty()).toList();
                if (objects.isEmpty()) return;
                Slot target = objects.get(Math.floorMod(pick, objects.size()));
                slot = target;
                ObjectNode object = (ObjectNode) target.value();
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(Math.floorMod(variant, names.size()));
                JsonNode second = variant % 2 == 0 ? object.get(name) : NODES.textNode(text);
                String written = write(object);
                slot.set(raw(raws, "{" + write(NODES.textNode(name)) + ":" + write(second)
                        + (written.length() > 2 ? "," + written.substring(1) : "}")));
            }
            case WRAP -> {
                JsonNode value = slot.value();
                if (value == null) return;
                if (variant % 3 == 0 && value.isArray() && !value.isEmpty()) slot.set(value.get(0));
                else if (variant % 3 == 1) slot.set(NODES.arrayNode().add(value));
                else slot.set(NODES.objectNode().set("value", value));
            }
            case REPLACE_BODY -> holder.set("$", raw(raws, REPLACED_BODIES.get(Math.floorMod(variant, REPLACED_BODIES.size()))));
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private byte[] applyToBytes(byte[] body) {
        return switch (kind) {
            case INVALID_UTF8 -> {
                byte[] bad = BAD_UTF8.get(Math.floorMod(variant, BAD_UTF8.size()));
                int at = Math.floorMod(pick, body.length + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(body, 0, at);
                out.writeBytes(bad);
                out.write(body, at, body.length - at);
                yield out.toByteArray();
            }
            case TRUNCATE -> body.length == 0 ? body : java.util.Arrays.copyOf(body, Math.floorMod(pick, body.length));
            case TRAILING_GARBAGE -> {
                byte[] tail = TRAILING.get(Math.floorMod(variant, TRAILING.size())).getBytes(StandardCharsets.UTF_8);
                byte[] out = java.util.Arrays.copyOf(body, body.length + tail.length);
                System.arraycopy(tail, 0, out, body.length, tail.length);
                yield out;
            }
            default -> throw new IllegalStateException(kind.toString());
        };
    }

    private String newName(String old) {
        return switch (Math.floorMod(variant, 8)) {
            case 0 -> text;
            case 1 -> old.toUpperCase(java.util.Locale.ROOT);
            case 2 -> old + " ";
            case 3 -> " " + old;
            case 4 -> old.replace('_', '-');
            case 5 -> old + "\u0000";
            case 6 -> old.isEmpty() ? "x" : old.substring(0, old.length() - 1);
            default -> KNOWN_NAMES.get(Math.floorMod(variant / 8, KNOWN_NAMES.size()));
        };
    }

    private static void rename(ObjectNode object, String from, String to) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey().equals(from) ? to : field.getKey(), field.getValue());
        }
        object.removeAll();
        fields.forEach(object::set);
    }

    /** A value of some type, rarely the expected one. */
    static JsonNode junk(int variant) {
        return switch (Math.floorMod(variant, 22)) {
            case 0 -> NODES.textNode("");
            case 1 -> NODES.textNode("x");
            case 2 -> NODES.numberNode(0);
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(Long.MAX_VALUE);
            case 5 -> NODES.numberNode(BigInteger.TWO.pow(64));
            case 6 -> NODES.numberNode(new BigDecimal("1.5"));
            case 7 -> NODES.numberNode(-0.0d);
            case 8 -> NODES.numberNode(1e308);
            case 9 -> NODES.booleanNode(true);
            case 10 -> NODES.booleanNode(false);
            case 11 -> NODES.nullNode();
            case 12 -> NODES.arrayNode();
            case 13 -> NODES.arrayNode().add(1).add("a").addNull();
            case 14 -> NODES.objectNode();
            case 15 -> NODES.objectNode().put("a", "b");
            case 16 -> NODES.objectNode().put("type", "message");
            case 17 -> NODES.arrayNode().add(NODES.objectNode());
            case 18 -> NODES.textNode("@@CONV@@");
            case 19 -> NODES.textNode("@@RESP@@");
            case 20 -> NODES.numberNode(new BigDecimal("1E-400"));
            default -> NODES.objectNode().put("id", "@@CONV@@");
        };
    }

    /** Nesting {@code depth} levels deep: arrays, objects, mixed, or left unclosed. */
    static String deep(int depth, int shape) {
        return switch (shape) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            case 2 -> "[{\"a\":".repeat(depth) + "null" + "}]".repeat(depth);
            default -> "[".repeat(depth);
        };
    }

    private static void collect(JsonNode container, List<Slot> slots) {
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots);
            }
        } else if (container instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    private static JsonNode raw(List<String> raws, String text) {
        raws.add(text);
        return NODES.textNode(placeholder(raws.size() - 1));
    }

    private static String placeholder(int index) {
        return "@@RAW" + index + "@@";
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String text) {
        if (text == null) return "null";
        StringBuilder out = new StringBuilder("\"");
        String clipped = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        for (char c : clipped.toCharArray()) {
            if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
            else if (c == '"' || c == '\\') out.append('\\').append(c);
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
