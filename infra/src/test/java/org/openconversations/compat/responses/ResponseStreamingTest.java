package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.error;
import static org.openconversations.compat.responses.ResponsesSupport.items;
import static org.openconversations.compat.responses.ResponsesSupport.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;
import org.openconversations.upstream.UpstreamStandIn;

/** {@code stream:true} through the SDK's {@code createStreaming} (contract 9); {@code retrieveStreaming} refused. */
class ResponseStreamingTest extends GatewayResponsesTest {
    private static final String ANSWER =
            "Your name is Anastasia, and you told me so at the very start of our conversation today.";

    private List<ResponseStreamEvent> stream(Conversation conversation) {
        ResponseCreateParams params = ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input("What is my name?")
                .build();
        try (StreamResponse<ResponseStreamEvent> events = client.responses().createStreaming(params)) {
            return events.stream().toList();
        }
    }

    private static String type(ResponseStreamEvent event) {
        return json(event).path("type").asText();
    }

    @Test
    void events_are_numbered_from_zero_one_by_one() {
        upstream.answer(ANSWER);

        List<ResponseStreamEvent> events = stream(client.conversations().create());

        List<Long> numbers = events.stream().map(e -> json(e).get("sequence_number").asLong()).toList();
        List<Long> expected = java.util.stream.LongStream.range(0, events.size()).boxed().toList();
        assertAll(
                () -> assertTrue(events.size() >= 9, "too few events: " + events.size()),
                () -> assertEquals(expected, numbers));
    }

    @Test
    void stream_starts_with_created_and_ends_with_completed() {
        upstream.answer(ANSWER);
        Conversation conversation = client.conversations().create();

        List<ResponseStreamEvent> events = stream(conversation);

        Response created = events.getFirst().created().orElseThrow().response();
        assertAll(
                () -> assertEquals("response.created", type(events.getFirst())),
                () -> assertEquals("response.in_progress", type(events.get(1))),
                () -> assertEquals("response.completed", type(events.getLast())),
                () -> assertEquals("in_progress", created.status().orElseThrow().asString()),
                () -> assertEquals(List.of(), created.output()),
                () -> assertEquals(conversation.id(), created.conversation().orElseThrow().id()),
                () -> assertEquals(1, events.stream().filter(e -> e.isCompleted()).count()));
    }

    @Test
    void text_deltas_add_up_to_the_answer() {
        upstream.answer(ANSWER);

        List<ResponseStreamEvent> events = stream(client.conversations().create());

        List<String> deltas = events.stream()
                .flatMap(e -> e.outputTextDelta().stream())
                .map(d -> d.delta())
                .toList();
        String done = events.stream().flatMap(e -> e.outputTextDone().stream()).findFirst().orElseThrow().text();
        assertAll(
                () -> assertTrue(deltas.size() > 1, "one delta only: " + deltas),
                () -> assertEquals(ANSWER, String.join("", deltas)),
                () -> assertEquals(ANSWER, done));
    }

    @Test
    void completed_event_carries_the_response_that_was_stored() {
        upstream.answer(ANSWER);

        List<ResponseStreamEvent> events = stream(client.conversations().create());

        Response completed = events.getLast().completed().orElseThrow().response();
        Response stored = client.responses().retrieve(completed.id());
        assertAll(
                () -> assertEquals(stored.id(), completed.id()),
                () -> assertEquals("completed", completed.status().orElseThrow().asString()),
                () -> assertEquals(stored.status(), completed.status()),
                () -> assertEquals(json(stored).get("output"), json(completed).get("output")),
                () -> assertEquals(json(stored), json(completed)));
    }

    @Test
    void retrieving_a_stored_response_as_a_stream_is_refused_as_unsupported() {
        upstream.answer(ANSWER);
        Response completed = stream(client.conversations().create()).getLast().completed().orElseThrow().response();

        BadRequestException e = assertThrows(BadRequestException.class, () -> {
            try (StreamResponse<ResponseStreamEvent> events = client.responses().retrieveStreaming(completed.id())) {
                events.stream().toList();
            }
        });

        assertAll(
                () -> assertEquals(400, e.statusCode()),
                () -> assertEquals("invalid_request_error", error(e).type()),
                () -> assertEquals("stream", error(e).param().orElse(null)),
                () -> assertEquals("unsupported_parameter", error(e).code().orElse(null)));
    }

    @Test
    void retrieving_with_stream_false_returns_the_stored_response() {
        upstream.answer(ANSWER);
        Response completed = stream(client.conversations().create()).getLast().completed().orElseThrow().response();

        Response retrieved = client.responses().retrieve(completed.id(),
                ResponseRetrieveParams.builder().putAdditionalQueryParam("stream", "false").build());

        assertEquals(json(completed), json(retrieved));
    }

    @Test
    void streamed_turn_is_stored_in_the_conversation() {
        upstream.answer(ANSWER);
        Conversation conversation = client.conversations().create();

        List<ResponseStreamEvent> events = stream(conversation);

        List<ConversationItem> items = items(client, conversation.id());
        Response completed = events.getLast().completed().orElseThrow().response();
        assertEquals(2, items.size(), items::toString);
        assertAll(
                () -> assertEquals("What is my name?",
                        items.get(0).message().orElseThrow().content().getFirst().inputText().orElseThrow().text()),
                () -> assertEquals(completed.output().getFirst().asMessage().id(),
                        items.get(1).message().orElseThrow().id()),
                () -> assertEquals(ANSWER,
                        items.get(1).message().orElseThrow().content().getFirst().outputText().orElseThrow().text()));
    }

    @Test
    void no_event_has_a_top_level_error_key() {
        upstream.answer(ANSWER);

        List<ResponseStreamEvent> events = stream(client.conversations().create());

        String withError = events.stream().map(ResponsesSupport::json).filter(e -> e.has("error"))
                .map(JsonNode::toString).collect(Collectors.joining("\n"));
        assertEquals("", withError);
    }

    @Test
    void function_call_arguments_stream_as_deltas_and_end_with_the_whole_call() {
        ArrayNode calls = Json.array();
        String arguments = "{\"location\":\"Freiburg im Breisgau, Germany\",\"unit\":\"celsius\"}";
        calls.addObject().put("id", "call_D5cRqvTm9V47jb0OLVJJ4Lqm").put("type", "function")
                .putObject("function").put("name", "get_weather").put("arguments", arguments);
        upstream.enqueue(UpstreamStandIn.Reply.json(200, UpstreamStandIn.completion(null, calls, 10, 10)));

        List<ResponseStreamEvent> events = stream(client.conversations().create());

        String joined = events.stream().flatMap(e -> e.functionCallArgumentsDelta().stream())
                .map(d -> d.delta()).collect(Collectors.joining());
        var done = events.stream().flatMap(e -> e.functionCallArgumentsDone().stream()).findFirst().orElseThrow();
        var itemDone = events.stream().flatMap(e -> e.outputItemDone().stream()).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(arguments, joined),
                () -> assertEquals(arguments, done.arguments()),
                () -> assertEquals("get_weather", json(done).path("name").asText()),
                () -> assertEquals("call_D5cRqvTm9V47jb0OLVJJ4Lqm",
                        itemDone.item().functionCall().orElseThrow().callId()),
                () -> assertFalse(events.stream().anyMatch(e -> e.isContentPartAdded()),
                        "a function call has no content parts"));
    }

    @Test
    void streamed_request_whose_upstream_fails_is_an_http_error_and_stores_nothing() {
        Conversation conversation = client.conversations().create();
        upstream.enqueue(UpstreamStandIn.Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}")
                .withHeader("retry-after", "2"));

        RateLimitException e = assertThrows(RateLimitException.class, () -> stream(conversation));

        assertAll(
                () -> assertEquals(List.of("2"), e.headers().values("retry-after")),
                () -> assertEquals(List.of(), items(client, conversation.id())));
    }

    @Test
    void reasoning_text_streams_before_the_message() {
        ObjectNode completion = (ObjectNode) Json.parse(UpstreamStandIn.completion("42.", null, 5, 5));
        ((ObjectNode) completion.get("choices").get(0).get("message"))
                .put("reasoning_content", "Thinking about the question at length before answering it.");
        upstream.enqueue(UpstreamStandIn.Reply.json(200, Json.write(completion)));

        List<ResponseStreamEvent> events = stream(client.conversations().create());

        String reasoning = events.stream().flatMap(e -> e.reasoningTextDelta().stream())
                .map(d -> d.delta()).collect(Collectors.joining());
        long firstReasoning = events.stream().filter(e -> e.isReasoningTextDelta()).findFirst()
                .map(e -> json(e).get("sequence_number").asLong()).orElseThrow();
        long firstText = events.stream().filter(e -> e.isOutputTextDelta()).findFirst()
                .map(e -> json(e).get("sequence_number").asLong()).orElseThrow();
        assertAll(
                () -> assertEquals("Thinking about the question at length before answering it.", reasoning),
                () -> assertTrue(firstReasoning < firstText, firstReasoning + " >= " + firstText),
                () -> assertEquals(2, events.getLast().completed().orElseThrow().response().output().size()));
    }

    @Test
    void multiline_non_ascii_answer_streams_intact() {
        String answer = "Привет, Анастасия! 👋\n\nВот список:\n- один\n- два 🇷🇺\r\n\tконец  ";
        upstream.answer(answer);

        List<ResponseStreamEvent> events = stream(client.conversations().create());

        String joined = events.stream().flatMap(e -> e.outputTextDelta().stream())
                .map(d -> d.delta()).collect(Collectors.joining());
        assertAll(
                () -> assertEquals(answer, joined),
                () -> assertEquals(answer, ResponsesSupport.outputText(
                        events.getLast().completed().orElseThrow().response())));
    }
}
