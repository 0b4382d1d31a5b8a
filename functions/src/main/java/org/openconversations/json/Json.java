package org.openconversations.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.openconversations.errors.InvalidRequestException;

/**
 * JSON text to Jackson trees and back, with jackson-core's parser and generator only. Building an ObjectMapper
 * loads some 300 classes of databind's serializers, deserializers and introspection on every cold start; the
 * tree nodes and the streaming classes are a few dozen, and a tree is all a function ever reads or writes.
 * So no ObjectMapper exists here, and nothing may call {@link JsonNode#toString()}: Jackson builds one for it.
 */
public final class Json {
    // Duplicate keys would let two readers of one body disagree about its meaning, so they are refused.
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /**
     * Parses a request body; anything that is not exactly one JSON value is the contract's 400. So is a string
     * holding half of a UTF-16 surrogate pair (an escaped high surrogate alone, as a client cutting text by
     * UTF-16 length sends): jackson-core refuses one in a field name but keeps one in a value, which would then be
     * stored as '?', silently altering what was sent.
     */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = readTree(text);
            if (node.isMissingNode()) throw InvalidRequestException.invalidJson();
            // Only an escape can make a lone surrogate: a body arrives decoded from UTF-8, which has none.
            if (text.contains("\\u") && holdsLoneSurrogate(node)) throw InvalidRequestException.invalidJson();
            return node;
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.invalidJson();
        }
    }

    private static boolean holdsLoneSurrogate(JsonNode node) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty()) {
            JsonNode next = pending.pop();
            if (next.isTextual() && hasLoneSurrogate(next.textValue())) return true;
            if (next.isContainerNode()) next.forEach(pending::push);
        }
        return false;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads one JSON value, as ObjectMapper.readTree did: a {@link MissingNode} when the text holds none, an
     * exception when it holds anything else after the value. Nesting deeper than jackson-core's
     * StreamReadConstraints allow is an exception too, long before the recursion could exhaust the stack.
     */
    public static JsonNode readTree(String text) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) return MissingNode.getInstance();
            JsonNode node = value(parser);
            if (parser.nextToken() != null) throw new JsonParseException(parser, "Trailing content after the value");
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a String cannot fail but for its content", e);
        }
    }

    private static JsonNode value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser);
            // Floats stay the exact decimal sent: 1.0 reads back as 1.0, never as 1 or as a binary double.
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "Unexpected token " + parser.currentToken());
        };
    }

    private static ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            object.set(name, value(parser));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) array.add(value(parser));
        return array;
    }

    /** The smallest node that holds the integer, as ObjectMapper.readTree chose it. */
    private static JsonNode integer(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    /** Compact JSON text of a tree, the same characters ObjectMapper.writeValueAsString wrote. */
    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = generator(out)) {
            write(node, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a tree as the next value of a generator that is already writing something larger. */
    public static void write(JsonNode node, JsonGenerator json) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                json.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    json.writeFieldName(field.getKey());
                    write(field.getValue(), json);
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode element : node) write(element, json);
                json.writeEndArray();
            }
            case STRING -> json.writeString(node.textValue());
            case NUMBER -> number(node, json);
            case BOOLEAN -> json.writeBoolean(node.booleanValue());
            case BINARY -> json.writeBinary(node.binaryValue());
            // jackson-core writes nulls, strings, numbers and booleans itself and refuses richer objects,
            // which only databind could serialize; no function puts those in a tree.
            case POJO -> json.writeObject(((POJONode) node).getPojo());
            case NULL, MISSING -> json.writeNull();
        }
    }

    private static void number(JsonNode node, JsonGenerator json) throws IOException {
        switch (node.numberType()) {
            case INT -> json.writeNumber(node.intValue());
            case LONG -> json.writeNumber(node.longValue());
            case BIG_INTEGER -> json.writeNumber(node.bigIntegerValue());
            case FLOAT -> json.writeNumber(node.floatValue());
            case DOUBLE -> json.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> json.writeNumber(node.decimalValue());
        }
    }

    /** A generator writing compact JSON into {@code out}; closing it flushes. */
    public static JsonGenerator generator(Writer out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    public static JsonNodeFactory nodes() {
        return NODES;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Length in characters (code points), as OpenAI counts: an emoji is one character, not two. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** OpenAI's wording for a value's JSON type in "expected X, but got Y" messages. */
    public static String describeType(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "null";
        if (node.isTextual()) return "a string";
        if (node.isIntegralNumber()) return "an integer";
        if (node.isNumber()) return "a decimal";
        if (node.isBoolean()) return "a boolean";
        if (node.isArray()) return "an array";
        return "an object";
    }

}
