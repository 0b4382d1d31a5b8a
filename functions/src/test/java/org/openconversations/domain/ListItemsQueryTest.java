package org.openconversations.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;

class ListItemsQueryTest {
    private static InvalidRequestException rejected(String after, String limit, String order, List<String> include) {
        return assertThrows(InvalidRequestException.class, () -> ListItemsQuery.parse(after, limit, order, include));
    }

    @Test
    void defaults_are_limit_20_descending_no_cursor_no_includes() {
        ListItemsQuery query = ListItemsQuery.parse(null, null, null, List.of());

        assertEquals(20, query.limit());
        assertFalse(query.ascending());
        assertNull(query.after());
        assertEquals(List.of(), query.include());
    }

    @Test
    void empty_values_mean_the_defaults() {
        ListItemsQuery query = ListItemsQuery.parse("", "", "", List.of());

        assertEquals(20, query.limit());
        assertFalse(query.ascending());
        assertNull(query.after());
    }

    @Test
    void absent_include_means_no_includes() {
        // The javadoc says every argument may be null when absent.
        assertEquals(List.of(), ListItemsQuery.parse(null, null, null, null).include());
    }

    @Test
    void after_is_kept() {
        assertEquals("msg_1", ListItemsQuery.parse("msg_1", null, null, List.of()).after());
    }

    @Test
    void limit_1_and_100_are_accepted() {
        assertEquals(1, ListItemsQuery.parse(null, "1", null, List.of()).limit());
        assertEquals(100, ListItemsQuery.parse(null, "100", null, List.of()).limit());
    }

    @Test
    void limit_0_is_integer_below_min_value() {
        InvalidRequestException e = rejected(null, "0", null, List.of());

        assertEquals("Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 instead.",
                e.getMessage());
        assertEquals("limit", e.param());
        assertEquals("integer_below_min_value", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void negative_limit_is_integer_below_min_value() {
        InvalidRequestException e = rejected(null, "-5", null, List.of());

        assertEquals("Invalid 'limit': integer below minimum value. Expected a value >= 1, but got -5 instead.",
                e.getMessage());
    }

    @Test
    void limit_101_is_integer_above_max_value() {
        InvalidRequestException e = rejected(null, "101", null, List.of());

        assertEquals("Invalid 'limit': integer above maximum value. Expected a value <= 100, but got 101 instead.",
                e.getMessage());
        assertEquals("limit", e.param());
        assertEquals("integer_above_max_value", e.code());
    }

    @Test
    void limit_beyond_int_range_is_integer_above_max_value() {
        InvalidRequestException e = rejected(null, "3000000000", null, List.of());

        assertEquals("integer_above_max_value", e.code());
        assertTrue(e.getMessage().contains("but got 3000000000 instead."), e.getMessage());
    }

    @Test
    void a_limit_in_non_ascii_digits_is_invalid_type() {
        for (String limit : List.of("\u0661\u0660", "\uff15", "-", "1.0")) {
            assertEquals("invalid_type", rejected(null, limit, null, List.of()).code(), limit);
        }
    }

    @Test
    void non_numeric_limit_is_invalid_type() {
        InvalidRequestException e = rejected(null, "abc", null, List.of());

        assertEquals("Invalid type for 'limit': expected an integer, but got a string instead.", e.getMessage());
        assertEquals("limit", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void decimal_limit_is_invalid_type() {
        assertEquals("invalid_type", rejected(null, "1.5", null, List.of()).code());
    }

    @Test
    void order_asc_is_ascending_and_desc_is_not() {
        assertTrue(ListItemsQuery.parse(null, null, "asc", List.of()).ascending());
        assertFalse(ListItemsQuery.parse(null, null, "desc", List.of()).ascending());
    }

    @Test
    void unknown_order_is_invalid_value() {
        InvalidRequestException e = rejected(null, null, "sideways", List.of());

        assertEquals("Invalid value: 'sideways'. Supported values are: 'asc' and 'desc'.", e.getMessage());
        assertEquals("order", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void order_is_case_sensitive() {
        assertEquals("invalid_value", rejected(null, null, "ASC", List.of()).code());
    }

    @Test
    void known_include_values_are_kept_in_order() {
        List<String> include = List.of("reasoning.encrypted_content", "message.output_text.logprobs");

        assertEquals(include, ListItemsQuery.parse(null, null, null, include).include());
    }

    @Test
    void every_contract_include_value_is_accepted() {
        List<String> include = List.of("file_search_call.results", "web_search_call.results",
                "web_search_call.action.sources", "message.input_image.image_url",
                "computer_call_output.output.image_url", "code_interpreter_call.outputs",
                "reasoning.encrypted_content", "message.output_text.logprobs");

        assertEquals(include, ListItemsQuery.parse(null, null, null, include).include());
    }

    @Test
    void unknown_include_value_is_invalid_value() {
        InvalidRequestException e = rejected(null, null, null,
                List.of("reasoning.encrypted_content", "message.everything"));

        assertTrue(e.getMessage().startsWith("Invalid value: 'message.everything'. Supported values are: "
                + "'file_search_call.results', "), e.getMessage());
        assertEquals("include", e.param());
        assertEquals("invalid_value", e.code());
    }

    @Test
    void include_list_cannot_be_changed_through_the_query() {
        List<String> include = new java.util.ArrayList<>(List.of("reasoning.encrypted_content"));
        ListItemsQuery query = ListItemsQuery.parse(null, null, null, include);
        include.add("message.output_text.logprobs");

        assertEquals(List.of("reasoning.encrypted_content"), query.include());
    }
}
