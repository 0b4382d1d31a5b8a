package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.array;
import static org.openconversations.compat.responses.ResponsesSupport.chat;
import static org.openconversations.compat.responses.ResponsesSupport.items;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.JsonValue;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.Message;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseFunctionToolCallItem;
import com.openai.models.responses.ResponseFunctionToolCallOutputItem;
import com.openai.models.responses.ResponseInputItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;
import org.openconversations.upstream.UpstreamStandIn;

/**
 * The function-calling loop over a conversation (contract 8.2): turn A asks and gets a function_call; turn B
 * sends only the function_call_output (and the tools again) and gets the answer.
 */
class FunctionToolRoundTripTest extends GatewayResponsesTest {
    private static final String QUESTION = "What is the weather in Paris?";
    private static final String CALL_ID = "call_D5cRqvTm9V47jb0OLVJJ4Lqm";
    private static final String ARGUMENTS = "{\"location\":\"Paris\"}";
    private static final String RESULT = "{\"temperature\":18,\"sky\":\"overcast\"}";
    private static final String ANSWER = "It is 18 degrees and overcast in Paris.";
    private static final FunctionTool WEATHER = FunctionTool.builder()
            .name("get_weather")
            .description("Current weather for a location")
            .parameters(FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties",
                            JsonValue.from(Map.of("location", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                    .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                    .build())
            .strict(true)
            .build();

    private static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = Json.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    private Response turnA(Conversation conversation, ObjectNode... calls) {
        ArrayNode toolCalls = Json.array();
        for (ObjectNode call : calls) toolCalls.add(call);
        upstream.enqueue(UpstreamStandIn.Reply.json(200, UpstreamStandIn.completion(null, toolCalls, 50, 12)));
        return client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input(QUESTION)
                .addTool(WEATHER)
                .build());
    }

    private Response turnB(Conversation conversation, String... callIds) {
        upstream.answer(ANSWER);
        return client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .inputOfResponse(java.util.Arrays.stream(callIds)
                        .map(id -> ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(id)
                                .output(RESULT)
                                .build()))
                        .toList())
                .addTool(WEATHER)
                .build());
    }

    @Test
    void turn_a_answers_with_the_function_call_of_the_upstream() {
        Conversation conversation = client.conversations().create();

        Response response = turnA(conversation, toolCall(CALL_ID, "get_weather", ARGUMENTS));

        assertEquals(1, response.output().size(), response.output()::toString);
        ResponseFunctionToolCall call = response.output().getFirst().functionCall().orElseThrow();
        assertAll(
                () -> assertTrue(call.id().orElseThrow().startsWith("fc_"), call.id().toString()),
                () -> assertEquals(CALL_ID, call.callId()),
                () -> assertEquals("get_weather", call.name()),
                () -> assertEquals(ARGUMENTS, call.arguments()),
                () -> assertEquals(ResponseFunctionToolCall.Status.COMPLETED, call.status().orElseThrow()),
                () -> assertEquals("", outputText(response)));
    }

    @Test
    void turn_a_sends_the_tools_in_chat_form() {
        Conversation conversation = client.conversations().create();

        turnA(conversation, toolCall(CALL_ID, "get_weather", ARGUMENTS));

        JsonNode expected = Json.parse("""
                [{"type":"function","function":{"name":"get_weather","description":"Current weather for a location",
                  "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"],
                                "additionalProperties":false},
                  "strict":true}}]""");
        JsonNode request = upstream.onlyRequest().json();
        assertAll(
                () -> assertEquals(expected, request.get("tools")),
                () -> assertEquals(array(chat("user", QUESTION)), request.get("messages")));
    }

    @Test
    void turn_a_stores_the_question_and_the_function_call() {
        Conversation conversation = client.conversations().create();

        Response response = turnA(conversation, toolCall(CALL_ID, "get_weather", ARGUMENTS));

        List<ConversationItem> items = items(client, conversation.id());
        assertEquals(2, items.size(), items::toString);
        ResponseFunctionToolCallItem stored = items.get(1).functionCall().orElseThrow();
        assertAll(
                () -> assertEquals(Message.Role.USER, items.get(0).message().orElseThrow().role()),
                () -> assertEquals(response.output().getFirst().asFunctionCall().id(), stored.id()),
                () -> assertEquals(CALL_ID, stored.callId()),
                () -> assertEquals("get_weather", stored.name()),
                () -> assertEquals(ARGUMENTS, stored.arguments()));
    }

    @Test
    void turn_b_sends_the_assistant_tool_call_and_the_tool_result() {
        Conversation conversation = client.conversations().create();
        turnA(conversation, toolCall(CALL_ID, "get_weather", ARGUMENTS));

        turnB(conversation, CALL_ID);

        ArrayNode expected = array(
                chat("user", QUESTION),
                Json.object().put("role", "assistant").putNull("content")
                        .set("tool_calls", array(toolCall(CALL_ID, "get_weather", ARGUMENTS))),
                Json.object().put("role", "tool").put("tool_call_id", CALL_ID).put("content", RESULT));
        JsonNode request = upstream.lastRequest().json();
        assertAll(
                () -> assertEquals(expected, request.get("messages")),
                () -> assertEquals("get_weather", request.path("tools").path(0).path("function").path("name").asText()));
    }

    @Test
    void turn_b_answers_and_the_conversation_holds_the_whole_loop_in_order() {
        Conversation conversation = client.conversations().create();
        turnA(conversation, toolCall(CALL_ID, "get_weather", ARGUMENTS));

        Response answer = turnB(conversation, CALL_ID);

        List<ConversationItem> items = items(client, conversation.id());
        assertEquals(4, items.size(), items::toString);
        ResponseFunctionToolCallOutputItem output = items.get(2).functionCallOutput().orElseThrow();
        Message assistant = items.get(3).message().orElseThrow();
        assertAll(
                () -> assertEquals(ANSWER, outputText(answer)),
                () -> assertEquals(Message.Role.USER, items.get(0).message().orElseThrow().role()),
                () -> assertEquals(CALL_ID, items.get(1).functionCall().orElseThrow().callId()),
                () -> assertEquals(CALL_ID, output.callId().orElseThrow()),
                () -> assertEquals(RESULT, output.output().asString()),
                () -> assertEquals(Message.Role.ASSISTANT, assistant.role()),
                () -> assertEquals(ANSWER, assistant.content().getFirst().outputText().orElseThrow().text()),
                () -> assertEquals(answer.output().getFirst().asMessage().id(), assistant.id()));
    }

    @Test
    void parallel_calls_go_back_as_one_assistant_message_with_both_tool_calls() {
        Conversation conversation = client.conversations().create();
        String secondCall = "call_Zq1x2y3w4v5u6t7s8r9p0o1n";
        Response calls = turnA(conversation, toolCall(CALL_ID, "get_weather", ARGUMENTS),
                toolCall(secondCall, "get_weather", "{\"location\":\"Berlin\"}"));

        turnB(conversation, CALL_ID, secondCall);

        ArrayNode messages = upstream.lastRequest().messages();
        assertAll(
                () -> assertEquals(2, calls.output().size()),
                () -> assertEquals(4, messages.size(), messages::toString),
                () -> assertEquals(array(toolCall(CALL_ID, "get_weather", ARGUMENTS),
                                toolCall(secondCall, "get_weather", "{\"location\":\"Berlin\"}")),
                        messages.get(1).get("tool_calls")),
                () -> assertEquals(CALL_ID, messages.get(2).get("tool_call_id").asText()),
                () -> assertEquals(secondCall, messages.get(3).get("tool_call_id").asText()));
    }
}
