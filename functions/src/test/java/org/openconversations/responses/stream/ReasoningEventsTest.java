package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.openconversations.responses.stream.FinishedResponses.message;
import static org.openconversations.responses.stream.FinishedResponses.ofType;
import static org.openconversations.responses.stream.FinishedResponses.outputText;
import static org.openconversations.responses.stream.FinishedResponses.reasoning;
import static org.openconversations.responses.stream.FinishedResponses.response;
import static org.openconversations.responses.stream.FinishedResponses.types;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

class ReasoningEventsTest {
    private static List<ObjectNode> eventsOf(String reasoningItem) {
        return ResponseEvents.of(response("completed", reasoningItem, message(outputText("Done."))));
    }

    @Test
    void reasoning_without_summary_is_only_added_and_done_before_the_message() {
        List<ObjectNode> events = eventsOf(reasoning());

        assertEquals(List.of(
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.output_item.done",
                "response.output_item.added",
                "response.content_part.added",
                "response.output_text.delta",
                "response.output_text.done",
                "response.content_part.done",
                "response.output_item.done",
                "response.completed"), types(events));
    }

    @Test
    void reasoning_item_has_output_index_zero_and_the_message_one() {
        List<ObjectNode> items = ofType(eventsOf(reasoning()), "response.output_item.added");

        assertEquals("reasoning", items.get(0).get("item").get("type").textValue());
        assertEquals(0, items.get(0).get("output_index").intValue());
        assertEquals("message", items.get(1).get("item").get("type").textValue());
        assertEquals(1, items.get(1).get("output_index").intValue());
    }

    @Test
    void reasoning_added_has_an_empty_summary() {
        ObjectNode added = ofType(eventsOf(reasoning("Thinking it over")), "response.output_item.added").getFirst();

        assertEquals(Json.parse("{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[]}"), added.get("item"));
    }

    @Test
    void reasoning_status_is_in_progress_when_added() {
        String withStatus = reasoning("x").replace("\"summary\"", "\"status\":\"completed\",\"summary\"");
        ObjectNode added = ofType(eventsOf(withStatus), "response.output_item.added").getFirst();

        assertEquals("in_progress", added.get("item").get("status").textValue());
    }

    @Test
    void reasoning_without_status_gets_none_when_added() {
        ObjectNode added = ofType(eventsOf(reasoning("x")), "response.output_item.added").getFirst();

        assertFalse(added.get("item").has("status"));
    }

    @Test
    void each_summary_part_is_opened_filled_and_closed_in_order() {
        List<ObjectNode> events = eventsOf(reasoning("First thought", "Second thought"));
        List<String> summaryEvents = types(events).stream().filter(type -> type.startsWith("response.reasoning_summary")).toList();

        assertEquals(List.of(
                "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done",
                "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done"), summaryEvents);
    }

    @Test
    void summary_part_added_is_empty_summary_text_with_its_index() {
        List<ObjectNode> added = ofType(eventsOf(reasoning("First", "Second")), "response.reasoning_summary_part.added");

        assertEquals(1, added.get(1).get("summary_index").intValue());
        assertEquals("rs_1", added.get(1).get("item_id").textValue());
        assertEquals(0, added.get(1).get("output_index").intValue());
        assertEquals(Json.parse("{\"type\":\"summary_text\",\"text\":\"\"}"), added.get(1).get("part"));
    }

    @Test
    void summary_deltas_concatenate_to_the_summary_text() {
        String summary = "Weighing one option against another before answering the question";
        List<ObjectNode> events = eventsOf(reasoning(summary));

        assertEquals(summary, FinishedResponses.concatenated(events, "response.reasoning_summary_text.delta"));
    }

    @Test
    void summary_text_done_and_part_done_carry_the_full_summary() {
        List<ObjectNode> events = eventsOf(reasoning("First", "Second thought"));

        ObjectNode textDone = ofType(events, "response.reasoning_summary_text.done").get(1);
        assertEquals("Second thought", textDone.get("text").textValue());
        assertEquals(1, textDone.get("summary_index").intValue());
        assertEquals(Json.parse("{\"type\":\"summary_text\",\"text\":\"Second thought\"}"),
                ofType(events, "response.reasoning_summary_part.done").get(1).get("part"));
    }

    @Test
    void reasoning_text_content_streams_as_content_parts_before_the_summary() {
        List<ObjectNode> events = ResponseEvents.of(response("completed", FinishedResponses.reasoningWithContent()));

        assertEquals(List.of(
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.content_part.added",
                "response.reasoning_text.delta",
                "response.reasoning_text.done",
                "response.content_part.done",
                "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done",
                "response.output_item.done",
                "response.completed"), types(events));
    }

    @Test
    void reasoning_with_content_is_added_with_empty_content() {
        ObjectNode added = ofType(ResponseEvents.of(response("completed", FinishedResponses.reasoningWithContent())), "response.output_item.added").getFirst();

        assertEquals(Json.array(), added.get("item").get("content"));
    }

    @Test
    void reasoning_text_part_opens_empty_and_done_carries_the_full_text() {
        List<ObjectNode> events = ResponseEvents.of(response("completed", FinishedResponses.reasoningWithContent()));

        assertEquals(Json.parse("{\"type\":\"reasoning_text\",\"text\":\"\"}"),
                FinishedResponses.single(events, "response.content_part.added").get("part"));
        assertEquals("Let me think", FinishedResponses.single(events, "response.reasoning_text.done").get("text").textValue());
        assertEquals(0, FinishedResponses.single(events, "response.reasoning_text.done").get("content_index").intValue());
    }
}
