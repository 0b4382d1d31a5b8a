package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.responses.stream.FinishedResponses.TEXT;
import static org.openconversations.responses.stream.FinishedResponses.concatenated;
import static org.openconversations.responses.stream.FinishedResponses.foldedTypes;
import static org.openconversations.responses.stream.FinishedResponses.keys;
import static org.openconversations.responses.stream.FinishedResponses.ofType;
import static org.openconversations.responses.stream.FinishedResponses.single;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

class TextResponseEventsTest {
    private final ObjectNode finalResponse = FinishedResponses.text();
    private final List<ObjectNode> events = ResponseEvents.of(finalResponse);

    @Test
    void text_response_follows_the_contract_event_order() {
        assertEquals(List.of(
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.content_part.added",
                "response.output_text.delta",
                "response.output_text.done",
                "response.content_part.done",
                "response.output_item.done",
                "response.completed"), foldedTypes(events));
    }

    @Test
    void text_is_sent_in_several_deltas() {
        assertTrue(ofType(events, "response.output_text.delta").size() > 1);
    }

    @Test
    void sequence_numbers_run_from_zero_in_steps_of_one() {
        for (int i = 0; i < events.size(); i++) {
            JsonNode number = events.get(i).get("sequence_number");
            assertTrue(number.isIntegralNumber());
            assertEquals(i, number.intValue());
        }
    }

    @Test
    void every_event_starts_with_type_then_sequence_number() {
        for (ObjectNode event : events) {
            assertEquals(List.of("type", "sequence_number"), keys(event).subList(0, 2));
        }
    }

    @Test
    void deltas_concatenate_to_the_final_text() {
        assertEquals(TEXT, concatenated(events, "response.output_text.delta"));
    }

    @Test
    void deltas_never_split_a_word() {
        List<ObjectNode> deltas = ofType(events, "response.output_text.delta");
        for (int i = 1; i < deltas.size(); i++) {
            assertTrue(Character.isWhitespace(deltas.get(i).get("delta").textValue().charAt(0)),
                    "delta " + i + " starts inside a word");
        }
    }

    @Test
    void delta_carries_item_output_and_content_index_and_empty_logprobs() {
        ObjectNode delta = ofType(events, "response.output_text.delta").getFirst();

        assertEquals(List.of("type", "sequence_number", "item_id", "output_index", "content_index", "delta", "logprobs"),
                keys(delta));
        assertEquals("msg_1", delta.get("item_id").textValue());
        assertEquals(0, delta.get("output_index").intValue());
        assertEquals(0, delta.get("content_index").intValue());
        assertEquals(Json.array(), delta.get("logprobs"));
    }

    @Test
    void output_text_done_carries_the_full_text_and_logprobs() {
        ObjectNode done = single(events, "response.output_text.done");

        assertEquals(TEXT, done.get("text").textValue());
        assertEquals(Json.array(), done.get("logprobs"));
        assertEquals("msg_1", done.get("item_id").textValue());
        assertEquals(0, done.get("content_index").intValue());
    }

    @Test
    void created_and_in_progress_carry_an_in_progress_copy_without_output_or_usage() {
        for (String type : List.of("response.created", "response.in_progress")) {
            JsonNode response = single(events, type).get("response");

            assertEquals("in_progress", response.get("status").textValue(), type);
            assertEquals(Json.array(), response.get("output"), type);
            assertTrue(response.get("usage").isNull(), type);
            assertTrue(response.get("completed_at").isNull(), type);
            assertTrue(response.get("error").isNull(), type);
            assertEquals("resp_1", response.get("id").textValue(), type);
            assertEquals(Json.parse("{\"id\":\"conv_1\"}"), response.get("conversation"), type);
        }
    }

    @Test
    void terminal_event_carries_the_final_response_verbatim() {
        ObjectNode completed = events.getLast();

        assertEquals("response.completed", completed.get("type").textValue());
        assertEquals(finalResponse, completed.get("response"));
        assertEquals(keys(finalResponse), keys(completed.get("response")));
    }

    @Test
    void generating_events_leaves_the_final_response_untouched() {
        assertEquals(FinishedResponses.text(), finalResponse);
    }

    @Test
    void output_item_added_is_an_in_progress_message_with_no_content() {
        ObjectNode added = single(events, "response.output_item.added");

        assertEquals(0, added.get("output_index").intValue());
        assertEquals(Json.parse("{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}"),
                added.get("item"));
    }

    @Test
    void content_part_added_is_an_empty_output_text() {
        ObjectNode added = single(events, "response.content_part.added");

        assertEquals("msg_1", added.get("item_id").textValue());
        assertEquals(0, added.get("content_index").intValue());
        assertEquals(Json.parse("{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[],\"logprobs\":[]}"), added.get("part"));
    }

    @Test
    void content_part_done_carries_the_final_part() {
        assertEquals(finalResponse.get("output").get(0).get("content").get(0),
                single(events, "response.content_part.done").get("part"));
    }

    @Test
    void output_item_done_carries_the_final_item() {
        ObjectNode done = single(events, "response.output_item.done");

        assertEquals(0, done.get("output_index").intValue());
        assertEquals(finalResponse.get("output").get(0), done.get("item"));
    }

    @Test
    void events_are_independent_copies_of_the_final_response() {
        ((ObjectNode) finalResponse.get("output").get(0)).put("status", "changed");

        assertEquals("completed", single(events, "response.output_item.done").get("item").get("status").textValue());
        assertEquals("completed", events.getLast().get("response").get("output").get(0).get("status").textValue());
    }
}
