package org.openconversations.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;

class IncludesTest {
    @Test
    void no_values_are_no_includes() {
        assertEquals(List.of(), Includes.parse(List.of()));
    }

    @Test
    void supported_values_are_kept_in_order_with_repeats() {
        List<String> values = List.of("message.output_text.logprobs", "reasoning.encrypted_content",
                "message.output_text.logprobs");

        assertEquals(values, Includes.parse(values));
    }

    @Test
    void unsupported_value_is_invalid_value_on_include() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> Includes.parse(List.of("reasoning.encrypted_content", "reasoning.everything")));

        assertEquals("include", e.param());
        assertEquals("invalid_value", e.code());
        assertEquals("Invalid value: 'reasoning.everything'. Supported values are: 'file_search_call.results',"
                + " 'web_search_call.results', 'web_search_call.action.sources', 'message.input_image.image_url',"
                + " 'computer_call_output.output.image_url', 'code_interpreter_call.outputs',"
                + " 'reasoning.encrypted_content', and 'message.output_text.logprobs'.", e.getMessage());
    }

    @Test
    void include_values_are_case_sensitive() {
        assertThrows(InvalidRequestException.class, () -> Includes.parse(List.of("Reasoning.Encrypted_Content")));
    }
}
