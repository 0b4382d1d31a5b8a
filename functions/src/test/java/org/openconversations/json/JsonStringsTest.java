package org.openconversations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void quote_writes_the_literal_the_generator_writes() {
        for (String text : List.of("", "plain", "tab\tquote\"slash\\ nul\u0000 \u001f \u2028 \u00e9 \uD83D\uDE00", "</script>",
                "only a \"quote", "only a \\ backslash", "only a \u001f control", "delete \u007f", "\u00e9 \uD83D\uDE00 \u2028")) {
            assertEquals(Json.write(Json.nodes().textNode(text)), JsonStrings.quote(text));
        }
    }

    @Test
    void quote_writes_null_for_null() {
        assertEquals("null", JsonStrings.quote(null));
    }
}
