package org.openconversations.responses.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Required fields of openai-java 4.101.0 (the Builder.build() checkRequired calls of each
 * com.openai.models.responses.Response*Event class, read with javap), plus the name the contract adds to
 * function_call_arguments.done. validate() throws when one is missing, e.g. "`logprobs` is not set".
 */
class SdkShapeTest {
    private static final JsonNodeType STRING = JsonNodeType.STRING;
    private static final JsonNodeType NUMBER = JsonNodeType.NUMBER;
    private static final JsonNodeType ARRAY = JsonNodeType.ARRAY;
    private static final JsonNodeType OBJECT = JsonNodeType.OBJECT;

    private static final Map<String, JsonNodeType> ITEM = Map.of("output_index", NUMBER, "item", OBJECT);
    private static final Map<String, JsonNodeType> RESPONSE = Map.of("response", OBJECT);
    private static final Map<String, JsonNodeType> PART =
            Map.of("item_id", STRING, "output_index", NUMBER, "content_index", NUMBER, "part", OBJECT);
    private static final Map<String, JsonNodeType> SUMMARY_PART =
            Map.of("item_id", STRING, "output_index", NUMBER, "summary_index", NUMBER, "part", OBJECT);

    private static final Map<String, Map<String, JsonNodeType>> REQUIRED = Map.ofEntries(
            Map.entry("response.created", RESPONSE),
            Map.entry("response.in_progress", RESPONSE),
            Map.entry("response.completed", RESPONSE),
            Map.entry("response.incomplete", RESPONSE),
            Map.entry("response.failed", RESPONSE),
            Map.entry("response.output_item.added", ITEM),
            Map.entry("response.output_item.done", ITEM),
            Map.entry("response.content_part.added", PART),
            Map.entry("response.content_part.done", PART),
            Map.entry("response.output_text.delta", Map.of("item_id", STRING, "output_index", NUMBER,
                    "content_index", NUMBER, "delta", STRING, "logprobs", ARRAY)),
            Map.entry("response.output_text.done", Map.of("item_id", STRING, "output_index", NUMBER,
                    "content_index", NUMBER, "text", STRING, "logprobs", ARRAY)),
            Map.entry("response.output_text.annotation.added", Map.of("item_id", STRING, "output_index", NUMBER,
                    "content_index", NUMBER, "annotation_index", NUMBER, "annotation", OBJECT)),
            Map.entry("response.refusal.delta", Map.of("item_id", STRING, "output_index", NUMBER,
                    "content_index", NUMBER, "delta", STRING)),
            Map.entry("response.refusal.done", Map.of("item_id", STRING, "output_index", NUMBER,
                    "content_index", NUMBER, "refusal", STRING)),
            Map.entry("response.function_call_arguments.delta",
                    Map.of("item_id", STRING, "output_index", NUMBER, "delta", STRING)),
            Map.entry("response.function_call_arguments.done",
                    Map.of("item_id", STRING, "output_index", NUMBER, "arguments", STRING, "name", STRING)),
            Map.entry("response.reasoning_summary_part.added", SUMMARY_PART),
            Map.entry("response.reasoning_summary_part.done", SUMMARY_PART),
            Map.entry("response.reasoning_summary_text.delta", Map.of("item_id", STRING, "output_index", NUMBER,
                    "summary_index", NUMBER, "delta", STRING)),
            Map.entry("response.reasoning_summary_text.done", Map.of("item_id", STRING, "output_index", NUMBER,
                    "summary_index", NUMBER, "text", STRING)),
            Map.entry("response.reasoning_text.delta", Map.of("item_id", STRING, "output_index", NUMBER,
                    "content_index", NUMBER, "delta", STRING)),
            Map.entry("response.reasoning_text.done", Map.of("item_id", STRING, "output_index", NUMBER,
                    "content_index", NUMBER, "text", STRING)));

    // ResponseOutputMessage, ResponseFunctionToolCall and ResponseReasoningItem as they are announced.
    private static final Map<String, Set<String>> REQUIRED_IN_ADDED_ITEM = Map.of(
            "message", Set.of("id", "type", "role", "status", "content"),
            "function_call", Set.of("type", "call_id", "name", "arguments"),
            "reasoning", Set.of("id", "type", "summary"));

    private static final Map<String, Set<String>> REQUIRED_IN_PART = Map.of(
            "output_text", Set.of("type", "text", "annotations"),
            "refusal", Set.of("type", "refusal"),
            "summary_text", Set.of("type", "text"),
            "reasoning_text", Set.of("type", "text"));

    private static List<ObjectNode> allEvents() {
        List<ObjectNode> events = new ArrayList<>();
        for (ObjectNode response : FinishedResponses.scenarios().values()) events.addAll(ResponseEvents.of(response));
        return events;
    }

    @Test
    void every_event_has_the_fields_the_sdk_requires_with_their_json_types() {
        for (ObjectNode event : allEvents()) {
            String type = event.get("type").textValue();
            Map<String, JsonNodeType> required = REQUIRED.get(type);
            assertNotNull(required, "no SDK shape known for " + type);
            assertEquals(NUMBER, event.get("sequence_number").getNodeType(), type);
            for (Map.Entry<String, JsonNodeType> field : required.entrySet()) {
                JsonNode value = event.get(field.getKey());
                assertNotNull(value, type + " lacks " + field.getKey());
                assertEquals(field.getValue(), value.getNodeType(), type + "." + field.getKey());
            }
        }
    }

    @Test
    void the_scenarios_exercise_every_event_type_in_the_table() {
        Set<String> seen = new TreeSet<>(FinishedResponses.types(allEvents()));
        Set<String> missing = new TreeSet<>(REQUIRED.keySet());
        missing.removeAll(seen);

        assertEquals(Set.of(), missing);
    }

    @Test
    void indexes_are_integers() {
        for (ObjectNode event : allEvents()) {
            for (String index : List.of("output_index", "content_index", "summary_index", "annotation_index", "sequence_number")) {
                if (event.has(index)) assertTrue(event.get(index).isIntegralNumber(), event.get("type") + "." + index);
            }
        }
    }

    @Test
    void announced_items_have_the_fields_their_sdk_class_requires() {
        for (ObjectNode event : allEvents()) {
            if (!event.has("item")) continue;
            JsonNode item = event.get("item");
            Set<String> required = REQUIRED_IN_ADDED_ITEM.getOrDefault(item.get("type").textValue(), Set.of("type"));
            for (String field : required) assertTrue(item.has(field), event.get("type") + " item lacks " + field);
        }
    }

    @Test
    void parts_have_the_fields_their_sdk_class_requires() {
        for (ObjectNode event : allEvents()) {
            JsonNode part = event.get("part");
            if (part == null || !REQUIRED_IN_PART.containsKey(part.get("type").textValue())) continue;
            for (String field : REQUIRED_IN_PART.get(part.get("type").textValue())) {
                assertTrue(part.has(field), event.get("type") + " part lacks " + field);
            }
        }
    }

    @Test
    void message_items_are_announced_with_the_assistant_role() {
        for (ObjectNode event : allEvents()) {
            JsonNode item = event.get("item");
            if (item != null && "message".equals(item.get("type").textValue())) {
                assertEquals("assistant", item.get("role").textValue());
            }
        }
    }

    @Test
    void error_event_has_the_fields_the_sdk_requires_and_no_error_wrapper() {
        ObjectNode event = ResponseEvents.errorEvent(0, "server_error", "m", null);

        for (String field : List.of("code", "message", "param", "sequence_number")) assertTrue(event.has(field), field);
        assertFalse(event.has("error"));
    }
}
