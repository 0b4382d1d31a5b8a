package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.responses.stream.FinishedResponses.concatenated;
import static org.openconversations.responses.stream.FinishedResponses.foldedTypes;
import static org.openconversations.responses.stream.FinishedResponses.message;
import static org.openconversations.responses.stream.FinishedResponses.ofType;
import static org.openconversations.responses.stream.FinishedResponses.outputText;
import static org.openconversations.responses.stream.FinishedResponses.refusalPart;
import static org.openconversations.responses.stream.FinishedResponses.response;
import static org.openconversations.responses.stream.FinishedResponses.single;
import static org.openconversations.responses.stream.FinishedResponses.types;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

class MessagePartsEventsTest {
    private static final String REFUSAL = "I'm sorry, but I can't help with that request.";

    private static List<ObjectNode> eventsOf(String... parts) {
        return ResponseEvents.of(response("completed", message(parts)));
    }

    @Test
    void refusal_uses_refusal_events_instead_of_output_text_events() {
        assertEquals(List.of(
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.content_part.added",
                "response.refusal.delta",
                "response.refusal.done",
                "response.content_part.done",
                "response.output_item.done",
                "response.completed"), foldedTypes(eventsOf(refusalPart(REFUSAL))));
    }

    @Test
    void refusal_deltas_concatenate_to_the_refusal() {
        assertEquals(REFUSAL, concatenated(eventsOf(refusalPart(REFUSAL)), "response.refusal.delta"));
    }

    @Test
    void refusal_done_carries_the_full_refusal() {
        ObjectNode done = single(eventsOf(refusalPart(REFUSAL)), "response.refusal.done");

        assertEquals(REFUSAL, done.get("refusal").textValue());
        assertEquals("msg_1", done.get("item_id").textValue());
        assertEquals(0, done.get("content_index").intValue());
    }

    @Test
    void refusal_part_opens_empty_and_closes_full() {
        List<ObjectNode> events = eventsOf(refusalPart(REFUSAL));

        assertEquals(Json.parse("{\"type\":\"refusal\",\"refusal\":\"\"}"), single(events, "response.content_part.added").get("part"));
        assertEquals(Json.parse(refusalPart(REFUSAL)), single(events, "response.content_part.done").get("part"));
    }

    @Test
    void second_part_has_content_index_one() {
        List<ObjectNode> events = eventsOf(outputText("First part."), outputText("Second part."));
        List<ObjectNode> done = ofType(events, "response.output_text.done");

        assertEquals(0, done.get(0).get("content_index").intValue());
        assertEquals(1, done.get(1).get("content_index").intValue());
        assertEquals("Second part.", done.get(1).get("text").textValue());
        assertEquals(1, ofType(events, "response.content_part.added").get(1).get("content_index").intValue());
    }

    @Test
    void empty_text_has_no_deltas_but_still_a_done() {
        List<ObjectNode> events = eventsOf(outputText(""));

        assertTrue(ofType(events, "response.output_text.delta").isEmpty());
        assertEquals("", single(events, "response.output_text.done").get("text").textValue());
    }

    @Test
    void annotations_are_announced_after_the_deltas_and_before_text_done() {
        List<ObjectNode> events = eventsOf(FinishedResponses.annotatedText());

        assertEquals(List.of(
                "response.content_part.added",
                "response.output_text.delta",
                "response.output_text.annotation.added",
                "response.output_text.done",
                "response.content_part.done"), foldedTypes(events).subList(3, 8));
    }

    @Test
    void annotation_added_carries_the_annotation_and_its_index() {
        String part = FinishedResponses.annotatedText();
        ObjectNode added = single(eventsOf(part), "response.output_text.annotation.added");

        assertEquals(0, added.get("annotation_index").intValue());
        assertEquals(Json.parse(part).get("annotations").get(0), added.get("annotation"));
    }

    @Test
    void output_text_done_carries_the_part_logprobs() {
        ObjectNode part = (ObjectNode) Json.parse(outputText("Hi"));
        part.withArray("logprobs").add(Json.parse("{\"token\":\"Hi\",\"logprob\":-0.1,\"bytes\":[72,105],\"top_logprobs\":[]}"));
        ObjectNode done = single(eventsOf(Json.write(part)), "response.output_text.done");

        assertEquals(part.get("logprobs"), done.get("logprobs"));
    }

    @Test
    void unknown_content_part_is_only_opened_and_closed_as_is() {
        String part = "{\"type\":\"future_part\",\"value\":1}";
        List<ObjectNode> events = eventsOf(part);

        assertEquals(List.of(
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.content_part.added",
                "response.content_part.done",
                "response.output_item.done",
                "response.completed"), types(events));
        assertEquals(Json.parse(part), single(events, "response.content_part.added").get("part"));
    }
}
