package org.openconversations.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

class ItemLimitsTest {
    private static final String PREFIX = "{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\","
            + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"";
    private static final String SUFFIX = "\"}]}";

    /** A real item JSON whose ItemLimits.storedBytes is exactly {@code bytes}. */
    private static String itemOfStoredBytes(int bytes) {
        int pad = bytes - ItemLimits.storedBytes(PREFIX + SUFFIX);
        String json = PREFIX + "x".repeat(pad) + SUFFIX;
        assertEquals(bytes, ItemLimits.storedBytes(json));
        return json;
    }

    @Test
    void stored_bytes_count_utf8_bytes_plus_a_fixed_overhead() {
        int overhead = ItemLimits.storedBytes("");
        assertTrue(overhead > 0);
        assertEquals(overhead + 2, ItemLimits.storedBytes("\u00e9"));
        assertEquals(overhead + 4, ItemLimits.storedBytes("\uD83D\uDE00"));
    }

    @Test
    void item_of_exactly_400_kb_stored_is_accepted() {
        String json = itemOfStoredBytes(ItemLimits.MAX_ROW_BYTES);
        Json.parse(json);
        assertDoesNotThrow(() -> ItemLimits.check(List.of(json), "items"));
    }

    @Test
    void item_one_byte_over_400_kb_stored_is_item_too_large() {
        String small = itemOfStoredBytes(1000);
        String big = itemOfStoredBytes(ItemLimits.MAX_ROW_BYTES + 1);

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ItemLimits.check(List.of(small, big), "items"));

        assertEquals(400, e.status());
        assertEquals("items[1]", e.param());
        assertEquals("item_too_large", e.code());
        assertTrue(e.getMessage().contains(Integer.toString(ItemLimits.MAX_ROW_BYTES + 1)), e.getMessage());
    }

    @Test
    void multibyte_text_counts_its_utf8_bytes_against_the_row_limit() {
        // Fewer than 409600 characters, but more than 409600 bytes once encoded.
        String json = PREFIX + "\u00e9".repeat(ItemLimits.MAX_ROW_BYTES / 2) + SUFFIX;
        assertTrue(json.length() < ItemLimits.MAX_ROW_BYTES);

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ItemLimits.check(List.of(json), "items"));
        assertEquals("item_too_large", e.code());
    }

    @Test
    void request_of_exactly_4_mb_stored_is_accepted() {
        List<String> jsons = new ArrayList<>();
        for (int i = 0; i < 10; i++) jsons.add(itemOfStoredBytes(400_000));
        jsons.add(itemOfStoredBytes(ItemLimits.MAX_REQUEST_BYTES - 10 * 400_000));

        assertDoesNotThrow(() -> ItemLimits.check(jsons, "items"));
    }

    @Test
    void request_over_4_mb_in_total_is_items_too_large() {
        List<String> jsons = new ArrayList<>();
        for (int i = 0; i < 10; i++) jsons.add(itemOfStoredBytes(400_000));
        jsons.add(itemOfStoredBytes(ItemLimits.MAX_REQUEST_BYTES - 10 * 400_000 + 1));

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ItemLimits.check(jsons, "items"));

        assertEquals(400, e.status());
        assertEquals("items", e.param());
        assertEquals("items_too_large", e.code());
        assertTrue(e.getMessage().contains(Integer.toString(ItemLimits.MAX_REQUEST_BYTES + 1)), e.getMessage());
    }

    @Test
    void empty_request_is_accepted() {
        assertDoesNotThrow(() -> ItemLimits.check(List.of(), "items"));
    }
}
