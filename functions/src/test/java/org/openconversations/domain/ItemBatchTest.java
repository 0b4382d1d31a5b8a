package org.openconversations.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

class ItemBatchTest {
    private static final String HEX48 = "0123456789abcdef0123456789abcdef0123456789abcdef";

    private static ArrayNode userMessages(int count) {
        ArrayNode items = Json.array();
        for (int i = 0; i < count; i++) {
            items.addObject().put("role", "user").put("content", "message " + i);
        }
        return items;
    }

    @Test
    void absent_items_are_an_empty_batch() {
        assertEquals(List.of(), ItemBatch.parse(null));
    }

    @Test
    void json_null_items_are_an_empty_batch() {
        assertEquals(List.of(), ItemBatch.parse(Json.parse("null")));
    }

    @Test
    void empty_array_is_an_empty_batch() {
        assertEquals(List.of(), ItemBatch.parse(Json.parse("[]")));
    }

    @Test
    void twenty_items_are_accepted_in_order() {
        List<NewItem> items = ItemBatch.parse(userMessages(20));

        assertEquals(20, items.size());
        for (int i = 0; i < 20; i++) {
            assertEquals("message " + i, items.get(i).json().get("content").get(0).get("text").textValue());
        }
    }

    @Test
    void twenty_one_items_are_array_above_max_length() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ItemBatch.parse(userMessages(21)));

        assertEquals("Invalid 'items': array too long. Expected an array with maximum length 20, but got an array"
                + " with length 21 instead.", e.getMessage());
        assertEquals("items", e.param());
        assertEquals("array_above_max_length", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void too_long_array_is_refused_before_its_items_are_validated() {
        ArrayNode items = userMessages(20);
        items.add("not an item");
        items.add("not an item");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ItemBatch.parse(items));
        assertEquals("array_above_max_length", e.code());
    }

    @Test
    void duplicate_client_ids_in_one_batch_are_refused_with_null_code() {
        String id = "msg_" + HEX48;
        JsonNode items = Json.parse("[{\"id\":\"" + id + "\",\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"b\"},"
                + "{\"id\":\"" + id + "\",\"role\":\"assistant\",\"content\":\"c\"}]");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ItemBatch.parse(items));

        assertEquals("Duplicate item found with id " + id + ". Remove duplicate items from your input and try"
                + " again.", e.getMessage());
        assertEquals("items", e.param());
        assertNull(e.code());
        assertEquals(400, e.status());
    }

    @Test
    void same_id_suffix_under_different_prefixes_is_not_a_duplicate() {
        JsonNode items = Json.parse("[{\"id\":\"msg_" + HEX48 + "\",\"role\":\"user\",\"content\":\"a\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_" + HEX48 + "\",\"summary\":[]}]");

        assertEquals(2, ItemBatch.parse(items).size());
    }

    @Test
    void error_in_an_item_names_its_index() {
        JsonNode items = Json.parse("[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"robot\",\"content\":\"b\"}]");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ItemBatch.parse(items));
        assertEquals("items[1].role", e.param());
    }

    @Test
    void items_that_are_an_object_are_invalid_type() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ItemBatch.parse(Json.parse("{\"role\":\"user\",\"content\":\"a\"}")));

        assertEquals("Invalid type for 'items': expected an array, but got an object instead.", e.getMessage());
        assertEquals("items", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void items_that_are_a_string_are_invalid_type() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ItemBatch.parse(Json.parse("\"hello\"")));

        assertEquals("invalid_type", e.code());
        assertTrue(e.getMessage().endsWith("but got a string instead."), e.getMessage());
    }
}
