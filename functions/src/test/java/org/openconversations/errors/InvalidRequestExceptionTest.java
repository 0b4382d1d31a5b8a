package org.openconversations.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidRequestExceptionTest {

    @Test
    void one_supported_value_is_quoted_alone() {
        assertEquals("Invalid value: 'x'. Supported values are: 'a'.",
                InvalidRequestException.invalidValue("p", "x", List.of("a")).getMessage());
    }

    @Test
    void two_supported_values_are_joined_with_and() {
        assertEquals("Invalid value: 'x'. Supported values are: 'a' and 'b'.",
                InvalidRequestException.invalidValue("p", "x", List.of("a", "b")).getMessage());
    }

    @Test
    void three_supported_values_use_commas_and_a_serial_and() {
        assertEquals("Invalid value: 'x'. Supported values are: 'a', 'b', and 'c'.",
                InvalidRequestException.invalidValue("p", "x", List.of("a", "b", "c")).getMessage());
    }

    @Test
    void four_supported_values_use_commas_and_a_final_serial_and() {
        assertEquals("Invalid value: 'x'. Supported values are: 'a', 'b', 'c', and 'd'.",
                InvalidRequestException.invalidValue("p", "x", List.of("a", "b", "c", "d")).getMessage());
    }

    @Test
    void invalid_value_carries_param_code_type_and_status_400() {
        InvalidRequestException e = InvalidRequestException.invalidValue("order", "x", List.of("asc", "desc"));

        assertEquals("order", e.param());
        assertEquals("invalid_value", e.code());
        assertEquals("invalid_request_error", e.type());
        assertEquals(400, e.status());
    }

    @Test
    void id_of_200_characters_is_echoed_whole() {
        String id = "x".repeat(200);
        assertEquals("Invalid 'items[0].id': '" + id + "'. Expected an ID that begins with 'msg'.",
                InvalidRequestException.invalidIdPrefix("items[0].id", id, "msg").getMessage());
    }

    @Test
    void long_id_is_clipped_in_the_id_prefix_message() {
        String id = "x".repeat(10_000);
        String message = InvalidRequestException.invalidIdPrefix("items[0].id", id, "msg").getMessage();

        assertEquals("Invalid 'items[0].id': '" + "x".repeat(200) + "\u2026'. Expected an ID that begins with 'msg'.",
                message);
    }

    @Test
    void long_value_is_clipped_in_the_invalid_value_message() {
        String message = InvalidRequestException.invalidValue("order", "y".repeat(5000), List.of("asc", "desc"))
                .getMessage();

        assertEquals("Invalid value: '" + "y".repeat(200) + "\u2026'. Supported values are: 'asc' and 'desc'.",
                message);
    }

    @Test
    void long_cursor_is_clipped_in_the_unknown_cursor_message() {
        String message = InvalidRequestException.unknownCursor("z".repeat(1000), "this conversation").getMessage();

        assertTrue(message.length() < 300, message);
        assertTrue(message.contains("z".repeat(200) + "\u2026"), message);
    }

    @Test
    void long_ids_are_clipped_in_not_found_messages() {
        String message = NotFoundException.item("msg_" + "a".repeat(1000)).getMessage();

        assertEquals("Item with id 'msg_" + "a".repeat(196) + "\u2026' not found.", message);
    }

    @Test
    void null_value_is_echoed_as_null() {
        assertEquals("Invalid value: 'null'. Supported values are: 'a' and 'b'.",
                InvalidRequestException.invalidValue("p", null, List.of("a", "b")).getMessage());
    }

    @Test
    void duplicate_item_names_the_id_with_param_items_and_no_code() {
        InvalidRequestException e = InvalidRequestException.duplicateItem("fc_1");

        assertEquals("Duplicate item found with id fc_1. Remove duplicate items from your input and try again.",
                e.getMessage());
        assertEquals("items", e.param());
        assertNull(e.code());
    }

    @Test
    void invalid_json_has_no_param_and_no_code() {
        InvalidRequestException e = InvalidRequestException.invalidJson();

        assertTrue(e.getMessage().startsWith("We could not parse the JSON body of your request."), e.getMessage());
        assertNull(e.param());
        assertNull(e.code());
        assertEquals(400, e.status());
    }

    @Test
    void conversation_locked_matches_the_contract() {
        InvalidRequestException e = InvalidRequestException.conversationLocked();

        assertEquals("Another process is currently operating on this conversation. Please retry in a few seconds.",
                e.getMessage());
        assertEquals("conversation", e.param());
        assertEquals("conversation_locked", e.code());
    }

    @Test
    void string_too_long_matches_the_contract_wording() {
        assertEquals("Invalid 'input[95].call_id': string too long. Expected a string with maximum length 64, but"
                        + " got a string with length 116 instead.",
                InvalidRequestException.stringTooLong("input[95].call_id", 64, 116).getMessage());
    }

    @Test
    void not_found_is_status_404_invalid_request_error_without_code() {
        NotFoundException e = NotFoundException.conversation("conv_x");

        assertEquals(404, e.status());
        assertEquals("invalid_request_error", e.type());
        assertEquals("Conversation with id 'conv_x' not found.", e.getMessage());
        assertNull(e.param());
        assertNull(e.code());
    }

    @Test
    void api_exceptions_carry_no_stack_trace() {
        assertEquals(0, InvalidRequestException.invalidJson().getStackTrace().length);
    }
}
