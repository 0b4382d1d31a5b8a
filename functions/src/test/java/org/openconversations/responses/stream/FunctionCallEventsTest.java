package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.responses.stream.FinishedResponses.ARGUMENTS;
import static org.openconversations.responses.stream.FinishedResponses.concatenated;
import static org.openconversations.responses.stream.FinishedResponses.foldedTypes;
import static org.openconversations.responses.stream.FinishedResponses.keys;
import static org.openconversations.responses.stream.FinishedResponses.ofType;
import static org.openconversations.responses.stream.FinishedResponses.single;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;

class FunctionCallEventsTest {
    private final ObjectNode finalResponse = FinishedResponses.response("completed", FinishedResponses.functionCall());
    private final List<ObjectNode> events = ResponseEvents.of(finalResponse);

    @Test
    void function_call_follows_the_contract_event_order() {
        assertEquals(List.of(
                "response.created",
                "response.in_progress",
                "response.output_item.added",
                "response.function_call_arguments.delta",
                "response.function_call_arguments.done",
                "response.output_item.done",
                "response.completed"), foldedTypes(events));
    }

    @Test
    void arguments_are_sent_in_several_deltas() {
        assertTrue(ofType(events, "response.function_call_arguments.delta").size() > 1);
    }

    @Test
    void argument_deltas_concatenate_to_the_arguments() {
        assertEquals(ARGUMENTS, concatenated(events, "response.function_call_arguments.delta"));
    }

    @Test
    void argument_delta_carries_item_id_and_output_index() {
        ObjectNode delta = ofType(events, "response.function_call_arguments.delta").getFirst();

        assertEquals(List.of("type", "sequence_number", "item_id", "output_index", "delta"), keys(delta));
        assertEquals("fc_1", delta.get("item_id").textValue());
        assertEquals(0, delta.get("output_index").intValue());
    }

    @Test
    void arguments_done_carries_the_arguments_and_the_name() {
        ObjectNode done = single(events, "response.function_call_arguments.done");

        assertEquals("fc_1", done.get("item_id").textValue());
        assertEquals(ARGUMENTS, done.get("arguments").textValue());
        assertEquals("get_weather", done.get("name").textValue());
    }

    @Test
    void output_item_added_is_in_progress_with_empty_arguments() {
        assertEquals(Json.parse("{\"id\":\"fc_1\",\"type\":\"function_call\",\"status\":\"in_progress\",\"arguments\":\"\","
                        + "\"call_id\":\"call_D5cRqvTm9V47jb0OLVJJ4Lqm\",\"name\":\"get_weather\"}"),
                single(events, "response.output_item.added").get("item"));
    }

    @Test
    void output_item_done_carries_the_final_call() {
        assertEquals(finalResponse.get("output").get(0), single(events, "response.output_item.done").get("item"));
    }

    @Test
    void call_after_reasoning_has_output_index_one() {
        List<ObjectNode> afterReasoning = ResponseEvents.of(FinishedResponses.call());

        for (ObjectNode event : ofType(afterReasoning, "response.function_call_arguments.delta")) {
            assertEquals(1, event.get("output_index").intValue());
        }
        assertEquals(1, single(afterReasoning, "response.function_call_arguments.done").get("output_index").intValue());
    }
}
