package org.openconversations.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

class MetadataTest {
    private static ObjectNode pairs(int count) {
        ObjectNode node = Json.object();
        for (int i = 0; i < count; i++) node.put("key" + i, "value" + i);
        return node;
    }

    private static InvalidRequestException rejected(String json) {
        return assertThrows(InvalidRequestException.class, () -> Metadata.parse(Json.parse(json)));
    }

    @Test
    void sixteen_pairs_are_accepted() {
        assertEquals(16, Metadata.parse(pairs(16)).size());
    }

    @Test
    void seventeen_pairs_are_object_above_max_properties() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Metadata.parse(pairs(17)));

        assertEquals("metadata", e.param());
        assertEquals("object_above_max_properties", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void key_of_64_characters_is_accepted() {
        String key = "k".repeat(64);
        assertEquals(Map.of(key, "v"), Metadata.parse(Json.parse("{\"" + key + "\":\"v\"}")));
    }

    @Test
    void key_of_65_characters_is_rejected_as_too_long() {
        InvalidRequestException e = rejected("{\"" + "k".repeat(65) + "\":\"v\"}");

        assertEquals("string_above_max_length", e.code());
        assertEquals("Invalid 'metadata': key too long. Expected a key with maximum length 64, but got a key with"
                + " length 65 instead.", e.getMessage());
    }

    @Test
    void an_empty_key_is_rejected_as_too_short() {
        InvalidRequestException e = rejected("{\"\":\"v\"}");

        assertEquals("metadata", e.param());
        assertEquals("string_below_min_length", e.code());
    }

    @Test
    void value_of_512_characters_is_accepted() {
        String value = "v".repeat(512);
        assertEquals(Map.of("k", value), Metadata.parse(Json.parse("{\"k\":\"" + value + "\"}")));
    }

    @Test
    void value_of_513_characters_is_string_above_max_length() {
        InvalidRequestException e = rejected("{\"k\":\"" + "v".repeat(513) + "\"}");

        assertEquals("Invalid 'metadata.k': string too long. Expected a string with maximum length 512, but got a"
                + " string with length 513 instead.", e.getMessage());
        assertEquals("metadata.k", e.param());
        assertEquals("string_above_max_length", e.code());
    }

    @Test
    void value_of_512_characters_outside_the_basic_plane_is_accepted() {
        // 512 characters (code points), each one a surrogate pair in Java: OpenAI counts characters.
        String value = "\uD83D\uDE00".repeat(512);
        assertEquals(Map.of("k", value), Metadata.parse(Json.parse("{\"k\":\"" + value + "\"}")));
    }

    @Test
    void integer_value_is_invalid_type_with_the_contract_message() {
        InvalidRequestException e = rejected("{\"version\":2}");

        assertEquals("Invalid type for 'metadata.version': expected a string, but got an integer instead.",
                e.getMessage());
        assertEquals("metadata.version", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void null_value_is_invalid_type() {
        InvalidRequestException e = rejected("{\"k\":null}");

        assertEquals("Invalid type for 'metadata.k': expected a string, but got null instead.", e.getMessage());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void nested_object_value_is_invalid_type() {
        InvalidRequestException e = rejected("{\"k\":{\"a\":\"b\"}}");

        assertEquals("metadata.k", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void json_null_is_an_empty_map() {
        assertEquals(Map.of(), Metadata.parse(Json.parse("null")));
    }

    @Test
    void absent_metadata_is_an_empty_map() {
        assertEquals(Map.of(), Metadata.parse(null));
    }

    @Test
    void empty_object_is_an_empty_map() {
        assertEquals(Map.of(), Metadata.parse(Json.parse("{}")));
    }

    @Test
    void array_metadata_is_invalid_type() {
        InvalidRequestException e = rejected("[\"a\"]");

        assertEquals("Invalid type for 'metadata': expected an object, but got an array instead.", e.getMessage());
        assertEquals("metadata", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void string_metadata_is_invalid_type() {
        assertEquals("invalid_type", rejected("\"topic\"").code());
    }

    @Test
    void pairs_keep_the_order_they_were_sent_in() {
        Map<String, String> metadata = Metadata.parse(Json.parse("{\"z\":\"1\",\"a\":\"2\",\"m\":\"3\"}"));

        assertEquals(List.of("z", "a", "m"), new ArrayList<>(metadata.keySet()));
        assertEquals(List.of("1", "2", "3"), new ArrayList<>(metadata.values()));
    }

    @Test
    void an_empty_value_is_accepted() {
        assertEquals(Map.of("k", ""), Metadata.parse(Json.parse("{\"k\":\"\"}")));
    }
}
