package org.openconversations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    // Input items as a response row stores them: strings holding brackets, braces, commas, quotes and escapes.
    private static final String STORED = Json.write(Json.parse("""
            [{"id":"msg_1","type":"message","role":"user","content":[{"type":"input_text","text":"a [b], {c}: \\"d\\""}]},
             {"type":"function_call_output","call_id":"call_1","output":"{\\"x\\":[1,2]}\\\\","id":"fco_2"},
             {"id":"msg_3","type":"message","role":"user","content":[],"n":-1.5e3,"ok":true,"none":null},
             {"id":"caf\\u00e9 \\ud83d\\ude00\\ttab","type":"message","content":"\\u2028"}]
            """));

    @Test
    void elements_are_the_text_the_generator_wrote_for_each() {
        List<String> expected = new ArrayList<>();
        for (JsonNode element : Json.parse(STORED)) expected.add(Json.write(element));

        assertEquals(expected, JsonText.elements(STORED));
    }

    @Test
    void an_empty_array_has_no_elements() {
        assertEquals(List.of(), JsonText.elements("[]"));
        assertEquals(List.of(), JsonText.elements(" [ ] "));
    }

    @Test
    void elements_of_any_kind_are_split_at_top_level_commas_only() {
        assertEquals(List.of("1", "\"a,b\"", "[2,[3]]", "{\"k\":\"]\"}", "null"),
                JsonText.elements(" [1, \"a,b\" ,[2,[3]],{\"k\":\"]\"}, null] "));
    }

    @Test
    void string_field_is_the_value_the_parser_reads() {
        for (String element : JsonText.elements(STORED)) {
            assertEquals(Json.parse(element).get("id").textValue(), JsonText.stringField(element, "id"));
        }
    }

    @Test
    void string_field_reads_the_object_itself_not_nested_objects() {
        assertEquals("outer", JsonText.stringField("{\"content\":[{\"id\":\"inner\"}],\"x\":{\"id\":\"deep\"},"
                + "\"id\":\"outer\"}", "id"));
    }

    @Test
    void string_field_is_null_when_absent_or_not_a_string() {
        assertNull(JsonText.stringField("{\"content\":[{\"id\":\"inner\"}]}", "id"));
        assertNull(JsonText.stringField("{\"id\":7}", "id"));
        assertNull(JsonText.stringField("{}", "id"));
    }

    @Test
    void text_that_is_not_an_array_or_an_object_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> JsonText.elements("{\"a\":1}"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.stringField("[1]", "id"));
    }
}
