package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openconversations.responses.stream.FinishedResponses.keys;
import static org.openconversations.responses.stream.FinishedResponses.response;
import static org.openconversations.responses.stream.FinishedResponses.types;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

class TerminalEventsTest {
    @Test
    void incomplete_response_ends_with_response_incomplete_carrying_the_reason() {
        ObjectNode finalResponse = FinishedResponses.incomplete();
        ObjectNode last = ResponseEvents.of(finalResponse).getLast();

        assertEquals("response.incomplete", last.get("type").textValue());
        assertEquals(finalResponse, last.get("response"));
    }

    @Test
    void incomplete_response_still_starts_in_progress_without_incomplete_details() {
        ObjectNode created = ResponseEvents.of(FinishedResponses.incomplete()).getFirst();

        assertEquals("in_progress", created.get("response").get("status").textValue());
        assertEquals(Json.nodes().nullNode(), created.get("response").get("incomplete_details"));
    }

    @Test
    void failed_response_without_output_is_created_in_progress_then_failed() {
        assertEquals(List.of("response.created", "response.in_progress", "response.failed"),
                types(ResponseEvents.of(FinishedResponses.failed())));
    }

    @Test
    void failed_event_carries_the_error_inside_the_response() {
        ObjectNode failed = ResponseEvents.of(FinishedResponses.failed()).getLast();

        assertEquals("server_error", failed.get("response").get("error").get("code").textValue());
    }

    @Test
    void created_event_of_a_failed_response_has_a_null_error() {
        ObjectNode created = ResponseEvents.of(FinishedResponses.failed()).getFirst();

        assertEquals(Json.nodes().nullNode(), created.get("response").get("error"));
    }

    @Test
    void a_response_that_has_not_finished_cannot_be_streamed() {
        for (String status : List.of("in_progress", "queued", "cancelled", "")) {
            assertThrows(IllegalArgumentException.class, () -> ResponseEvents.of(response(status)), status);
        }
    }

    @Test
    void unknown_item_type_is_only_added_and_done_as_is() {
        String compaction = "{\"id\":\"cmp_1\",\"type\":\"compaction\",\"encrypted_content\":\"gAAAA\"}";
        List<ObjectNode> events = ResponseEvents.of(response("completed", compaction));

        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.output_item.done", "response.completed"), types(events));
        assertEquals(Json.parse(compaction), events.get(2).get("item"));
        assertEquals(Json.parse(compaction), events.get(3).get("item"));
    }

    // openai-java throws SseException when an event has a top-level "error" key, even a null one.
    @Test
    void no_event_of_any_scenario_has_a_top_level_error_key() {
        for (Map.Entry<String, ObjectNode> scenario : FinishedResponses.scenarios().entrySet()) {
            for (ObjectNode event : ResponseEvents.of(scenario.getValue())) {
                assertFalse(event.has("error"), scenario.getKey() + ": " + event.get("type"));
            }
        }
    }

    @Test
    void error_event_has_code_message_and_param_at_top_level() {
        ObjectNode event = ResponseEvents.errorEvent(7, "server_error", "The upstream model stopped answering.", null);

        assertEquals(List.of("type", "code", "message", "param", "sequence_number"), keys(event));
        assertEquals("error", event.get("type").textValue());
        assertEquals("server_error", event.get("code").textValue());
        assertEquals("The upstream model stopped answering.", event.get("message").textValue());
        assertEquals(Json.nodes().nullNode(), event.get("param"));
        assertEquals(7, event.get("sequence_number").intValue());
    }

    @Test
    void error_event_keeps_a_null_code_as_null() {
        assertEquals(Json.nodes().nullNode(), ResponseEvents.errorEvent(0, null, "m", "input").get("code"));
    }
}
