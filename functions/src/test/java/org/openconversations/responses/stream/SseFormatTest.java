package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

class SseFormatTest {
    private final List<ObjectNode> events = ResponseEvents.of(FinishedResponses.text());
    private final String body = SseFormat.encode(events);

    private List<String> blocks() {
        assertTrue(body.endsWith("\n\n"));
        return List.of(body.substring(0, body.length() - 2).split("\n\n", -1));
    }

    @Test
    void each_event_is_one_block_of_an_event_line_and_a_data_line() {
        List<String> blocks = blocks();

        assertEquals(events.size(), blocks.size());
        for (String block : blocks) {
            String[] lines = block.split("\n", -1);
            assertEquals(2, lines.length, block);
            assertTrue(lines[0].startsWith("event: "), block);
            assertTrue(lines[1].startsWith("data: "), block);
        }
    }

    @Test
    void data_is_the_event_json_on_a_single_line() {
        List<String> blocks = blocks();

        for (int i = 0; i < events.size(); i++) {
            String data = blocks.get(i).split("\n", -1)[1].substring("data: ".length());
            assertFalse(data.contains("\r"));
            assertEquals(events.get(i), Json.parse(data));
        }
    }

    @Test
    void text_with_line_breaks_stays_on_the_data_line() {
        assertTrue(FinishedResponses.TEXT.contains("\n"));
        assertTrue(body.contains("dog,\\nthen"));
    }

    @Test
    void event_name_matches_the_data_type() {
        for (String block : blocks()) {
            String[] lines = block.split("\n", -1);
            String name = lines[0].substring("event: ".length());
            assertEquals(name, Json.parse(lines[1].substring("data: ".length())).get("type").textValue());
        }
    }

    @Test
    void stream_ends_with_the_terminal_event_and_no_done_marker() {
        assertFalse(body.contains("[DONE]"));
        assertTrue(body.endsWith(SseFormat.frame(events.getLast())));
        assertTrue(body.endsWith("}\n\n"));
    }

    @Test
    void frame_of_an_error_event_is_named_error() {
        assertEquals("event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\",\"message\":\"m\",\"param\":null,\"sequence_number\":3}\n\n",
                SseFormat.frame(ResponseEvents.errorEvent(3, "server_error", "m", null)));
    }
}
