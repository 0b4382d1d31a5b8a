package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextDeltaEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code include:["message.output_text.logprobs"]} end to end: the gateway asks the Chat Completions stand-in for
 * logprobs and returns them, as the strict openai-java client reads them, in the response, the stream and the
 * stored response; the conversation's copy of the answer goes without them.
 */
class LogprobsTest extends GatewayResponsesTest {
    private static final String[] TOKENS = {"Hello", ",", " Anastasia", "!"};

    private static ResponseCreateParams.Builder asking() {
        return ResponseCreateParams.builder()
                .model(MODEL)
                .input("x")
                .topLogprobs(1L)
                .addInclude(ResponseIncludable.MESSAGE_OUTPUT_TEXT_LOGPROBS);
    }

    private static ResponseOutputText outputText(Response response) {
        return response.output().getFirst().asMessage().content().getFirst().asOutputText();
    }

    @Test
    void include_of_output_text_logprobs_asks_the_upstream_for_them() {
        upstream.answerWithLogprobs(TOKENS);

        client.responses().create(asking().build());

        JsonNode request = upstream.onlyRequest().json();
        assertAll(
                () -> assertTrue(request.get("logprobs").booleanValue(), request::toString),
                () -> assertEquals(1, request.get("top_logprobs").intValue(), request::toString),
                () -> assertFalse(request.has("include"), request::toString));
    }

    @Test
    void upstream_logprobs_come_back_on_the_output_text() {
        upstream.answerWithLogprobs(TOKENS);

        Response response = client.responses().create(asking().build());

        List<ResponseOutputText.Logprob> logprobs = outputText(response).logprobs().orElseThrow();
        ResponseOutputText.Logprob name = logprobs.get(2);
        assertAll(
                () -> assertEquals(List.of(TOKENS), logprobs.stream().map(ResponseOutputText.Logprob::token).toList()),
                () -> assertEquals(-0.5, name.logprob()),
                () -> assertEquals(" Anastasia".chars().asLongStream().boxed().toList(), name.bytes()),
                () -> assertEquals(" Anastasia", name.topLogprobs().getFirst().token()),
                () -> assertEquals(1L, response.topLogprobs().orElseThrow()));
    }

    @Test
    void top_logprobs_without_the_include_asks_for_no_logprobs_and_returns_none() {
        upstream.answer("Hello!");

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL).input("x").topLogprobs(1L).build());

        JsonNode request = upstream.onlyRequest().json();
        assertAll(
                () -> assertFalse(request.has("logprobs"), request::toString),
                () -> assertFalse(request.has("top_logprobs"), request::toString),
                () -> assertEquals(List.of(), outputText(response).logprobs().orElseThrow()));
    }

    @Test
    void stream_deltas_carry_the_logprobs_of_their_tokens() {
        upstream.answerWithLogprobs(TOKENS);

        List<ResponseTextDeltaEvent> deltas;
        try (StreamResponse<ResponseStreamEvent> events = client.responses().createStreaming(asking().build())) {
            deltas = events.stream().flatMap(event -> event.outputTextDelta().stream()).toList();
        }

        assertAll(
                () -> assertEquals(List.of(TOKENS), deltas.stream().map(ResponseTextDeltaEvent::delta).toList()),
                () -> assertEquals(List.of(TOKENS), deltas.stream()
                        .map(delta -> delta.logprobs().getFirst().token()).toList()),
                () -> assertTrue(deltas.stream().allMatch(delta -> delta.logprobs().size() == 1)));
    }

    @Test
    void the_conversation_keeps_the_answer_without_its_logprobs_and_the_stored_response_keeps_them() {
        Conversation conversation = client.conversations().create();
        upstream.answerWithLogprobs(TOKENS);

        Response response = client.responses().create(asking().conversation(conversation.id()).build());

        ConversationItem answer = items(client, conversation.id()).getLast();
        ResponseOutputText stored = answer.asMessage().content().getFirst().asOutputText();
        Response retrieved = client.responses().retrieve(response.id());
        assertAll(
                () -> assertEquals(String.join("", TOKENS), stored.text()),
                () -> assertEquals(List.of(), stored.logprobs().orElseThrow()),
                () -> assertEquals(TOKENS.length, outputText(response).logprobs().orElseThrow().size()),
                () -> assertEquals(outputText(response).logprobs(), outputText(retrieved).logprobs()));
    }
}
