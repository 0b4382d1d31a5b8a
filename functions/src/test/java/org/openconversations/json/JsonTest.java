package org.openconversations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;

class JsonTest {
    /** The ObjectMapper Json used to be, as the reference for what its trees and text must stay. */
    private static final ObjectMapper OLD_MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final List<String> SAMPLES = List.of(
            "{}", "[]", "null", "true", "false", "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "123456789012345678901234567890",
            "1.0", "1.50", "-0.0", "0.000", "1e2", "1E+2", "1.5e-7", "1e400", "-2.5E-400", "3.14159265358979323846264338",
            "\"\"", "\"plain\"", "\"caf\\u00e9 \\\"q\\\" \\\\ \\/ \\n\\t\\r\\b\\f \\u0001 \\u001f \\u007f \\u2028\"",
            "\"emoji \uD83D\uDE00 and escaped \\ud83d\\ude00\"", "\"<script>&'\"",
            "[[1,[2,[3,[]]]],[],{}]",
            "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\",\"f\":1.10},\"\":\"empty key\",\"k\\u00e9y\":2}",
            " \n\t{ \"spaced\" : [ 1 , 2.0 ] } \r\n");

    @Test
    void parsed_samples_write_back_as_the_old_mapper_wrote_them() throws Exception {
        for (String text : SAMPLES) {
            assertEquals(OLD_MAPPER.writeValueAsString(OLD_MAPPER.readTree(text)), Json.write(Json.parse(text)), text);
        }
    }

    @Test
    void parsed_samples_are_the_trees_the_old_mapper_read() throws Exception {
        for (String text : SAMPLES) {
            assertSameTree(OLD_MAPPER.readTree(text), Json.parse(text), text);
        }
    }

    @Test
    void decimals_round_trip_as_sent() {
        assertEquals("[1.0,1.50,0.000,1E+400,1.5E-7]", Json.write(Json.parse("[1.0,1.50,0.000,1e400,1.5e-7]")));
    }

    @Test
    void floats_read_as_exact_decimals_and_integers_as_the_smallest_node_that_holds_them() {
        assertEquals(new BigDecimal("1.50"), assertInstanceOf(DecimalNode.class, Json.parse("1.50")).decimalValue());
        assertInstanceOf(IntNode.class, Json.parse("2147483647"));
        assertInstanceOf(LongNode.class, Json.parse("2147483648"));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                assertInstanceOf(BigIntegerNode.class, Json.parse("123456789012345678901234567890")).bigIntegerValue());
    }

    @Test
    void text_round_trips_with_escapes_and_emoji() {
        String text = "\"tab\\tquote\\\"slash\\\\ nul\\u0000 \u00e9 \uD83D\uDE00\"";
        assertEquals("tab\tquote\"slash\\ nul\u0000 \u00e9 \uD83D\uDE00", Json.parse(text).textValue());
        assertEquals("\"tab\\tquote\\\"slash\\\\ nul\\u0000 \u00e9 \uD83D\uDE00\"", Json.write(Json.parse(text)));
    }

    @Test
    void duplicate_keys_are_invalid_json() {
        assertInvalid("{\"a\":1,\"a\":2}");
        assertInvalid("{\"outer\":{\"a\":1,\"b\":2,\"a\":3}}");
        assertInvalid("[{\"a\":1,\"a\":1}]");
    }

    @Test
    void anything_after_the_value_is_invalid_json() {
        for (String text : List.of("{} {}", "1 2", "[1]]", "{}x", "\"a\"\"b\"", "null null", "{},", "true false")) {
            assertInvalid(text);
        }
    }

    @Test
    void no_value_at_all_is_invalid_json() {
        for (String text : List.of("", " ", "\n\t\r ")) assertInvalid(text);
    }

    @Test
    void malformed_text_is_invalid_json() {
        for (String text : List.of("{", "[1,", "{\"a\"}", "{\"a\":}", "[1,]", "'single'", "{a:1}", "01", "tru", "\"open")) {
            assertInvalid(text);
        }
    }

    @Test
    void non_numeric_numbers_are_invalid_json() {
        for (String text : List.of("NaN", "[NaN]", "Infinity", "-Infinity", "{\"x\":+Infinity}")) assertInvalid(text);
    }

    @Test
    void nesting_up_to_the_stream_limit_is_read() {
        int depth = StreamReadConstraints.DEFAULT_MAX_DEPTH;
        JsonNode node = Json.parse("[".repeat(depth) + "]".repeat(depth));
        for (int level = 1; level < depth; level++) node = node.get(0);
        assertEquals(0, node.size());
    }

    @Test
    void nesting_beyond_the_stream_limit_is_invalid_json_not_a_stack_overflow() {
        int depth = StreamReadConstraints.DEFAULT_MAX_DEPTH + 1;
        assertInvalid("[".repeat(depth) + "]".repeat(depth));
        assertInvalid("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
        assertInvalid("[".repeat(1_000_000));
    }

    @Test
    void upstream_reading_gives_a_missing_node_for_an_empty_body() throws Exception {
        assertTrue(Json.readTree("").isMissingNode());
        assertTrue(Json.readTree("  ").isMissingNode());
    }

    @Test
    void built_trees_write_as_the_old_mapper_wrote_them() throws Exception {
        JsonNodeFactory nodes = Json.nodes();
        ObjectNode tree = Json.object();
        tree.put("int", 42).put("negative", -7).put("long", 9_000_000_000L).put("short", (short) 12);
        tree.put("bigInteger", new BigInteger("-123456789012345678901234567890"));
        tree.put("decimal", new BigDecimal("1.50")).put("decimalZeros", new BigDecimal("0.000"));
        tree.put("decimalHuge", new BigDecimal("1E+400")).put("decimalTiny", new BigDecimal("-2.5E-400"));
        tree.put("decimalScaled", BigDecimal.valueOf(12, -3));
        tree.put("double", 1.0).put("doubleBig", 1e20).put("doubleSmall", 1.0e-5).put("doubleNeg", -0.0);
        tree.put("doubleNaN", Double.NaN).put("doubleInfinity", Double.POSITIVE_INFINITY);
        tree.put("float", 1.1f).put("floatBig", 3.4e38f);
        tree.put("text", "line\nbreak \"quoted\" \\ \u0007 \u2028 \u00e9 \uD83D\uDE00 </script>");
        tree.put("empty", "").put("true", true).put("false", false).putNull("null");
        tree.put("binary", "bytes \u0000\u00ff of any kind".getBytes(StandardCharsets.UTF_8));
        tree.putPOJO("pojoNull", null).putPOJO("pojoText", "text").putPOJO("pojoNumber", 3);
        tree.putObject("emptyObject");
        tree.putArray("emptyArray");
        ArrayNode mixed = tree.putArray("mixed");
        mixed.add(1).add("two").add(3.0).add(nodes.nullNode()).add(nodes.objectNode().put("deep", true));
        mixed.addArray().addArray().add(new BigDecimal("1.0"));
        tree.set("missing", MissingNode.getInstance());

        assertEquals(OLD_MAPPER.writeValueAsString(tree), Json.write(tree));
        for (JsonNode field : tree) assertEquals(OLD_MAPPER.writeValueAsString(field), Json.write(field), field::toString);
        assertEquals(OLD_MAPPER.writeValueAsString(MissingNode.getInstance()), Json.write(MissingNode.getInstance()));
    }

    @Test
    void a_tree_writes_into_an_enclosing_generator() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.generator(out)) {
            json.writeStartObject();
            json.writeFieldName("first");
            Json.write(Json.parse("{\"a\":[1.0]}"), json);
            json.writeFieldName("second");
            Json.write(Json.parse("\"b\""), json);
            json.writeEndObject();
        }
        assertEquals("{\"first\":{\"a\":[1.0]},\"second\":\"b\"}", out.toString());
    }

    private static void assertInvalid(String text) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Json.parse(text),
                () -> text.length() > 60 ? text.substring(0, 60) + "…" : text);
        assertEquals(InvalidRequestException.invalidJson().getMessage(), e.getMessage());
    }

    /** Same node classes and values all the way down: equals alone calls 1.0 and 1.00 the same. */
    private static void assertSameTree(JsonNode expected, JsonNode actual, String text) {
        assertEquals(expected.getClass(), actual.getClass(), text);
        if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), text);
            if (expected.isObject()) {
                for (var field : expected.properties()) {
                    assertSameTree(field.getValue(), actual.get(field.getKey()), text);
                }
            } else {
                for (int i = 0; i < expected.size(); i++) assertSameTree(expected.get(i), actual.get(i), text);
            }
        } else if (expected.isBigDecimal()) {
            assertEquals(expected.decimalValue(), actual.decimalValue(), text);
        } else {
            assertEquals(expected, actual, text);
        }
    }

    @Test
    void a_lone_escaped_surrogate_in_a_value_is_the_parse_error() {
        for (String body : List.of("{\"k\":\"a\\ud83dz\"}", "{\"k\":[\"x\\udc00\"]}", "{\"k\":\"end\\ud800\"}")) {
            assertThrows(InvalidRequestException.class, () -> Json.parse(body), body);
        }
    }

    @Test
    void a_lone_escaped_surrogate_in_a_name_is_the_parse_error() {
        assertThrows(InvalidRequestException.class, () -> Json.parse("{\"\\ud800\":\"x\"}"));
    }

    @Test
    void an_escaped_surrogate_pair_is_the_character_it_makes() {
        JsonNode node = Json.parse("{\"k\":\"\\ud83d\\ude00\"}");

        assertEquals(new String(Character.toChars(0x1F600)), node.get("k").textValue());
    }
}
