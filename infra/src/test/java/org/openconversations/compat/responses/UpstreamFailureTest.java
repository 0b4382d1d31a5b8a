package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.error;
import static org.openconversations.compat.responses.ResponsesSupport.itemsJson;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.ErrorObject;
import com.openai.models.conversations.Conversation;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openconversations.upstream.UpstreamStandIn;

/** An upstream that fails: the client sees why, and the conversation is left as it was (contract 8.1.6). */
class UpstreamFailureTest extends GatewayResponsesTest {
    private static final String RATE_LIMIT_BODY = "{\"error\":{\"message\":\"Rate limit reached for requests\","
            + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    private static final String SERVER_ERROR_BODY =
            "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}";

    /** A conversation with one stored turn. */
    private Conversation conversationWithOneTurn() {
        Conversation conversation = client.conversations().create();
        upstream.answer("Hello!");
        ask(conversation, "Hi");
        return conversation;
    }

    private Response ask(Conversation conversation, String input) {
        return client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input(input)
                .build());
    }

    private Executable asking(Conversation conversation) {
        return () -> ask(conversation, "What is my name?");
    }

    private void rateLimited() {
        upstream.enqueue(UpstreamStandIn.Reply.json(429, RATE_LIMIT_BODY).withHeader("retry-after", "7"));
    }

    private void failing() {
        upstream.enqueue(UpstreamStandIn.Reply.json(500, SERVER_ERROR_BODY));
    }

    @Test
    void rate_limited_upstream_is_a_429_carrying_its_retry_after() {
        Conversation conversation = conversationWithOneTurn();
        rateLimited();

        RateLimitException e = assertThrows(RateLimitException.class, asking(conversation));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals(429, e.statusCode()),
                () -> assertEquals(List.of("7"), e.headers().values("retry-after")),
                () -> assertEquals("rate_limit_exceeded", error.code().orElse(null)),
                () -> assertEquals("Rate limit reached for requests", error.message()));
    }

    @Test
    void rate_limited_upstream_passes_retry_after_ms_too() {
        Conversation conversation = conversationWithOneTurn();
        upstream.enqueue(UpstreamStandIn.Reply.json(429, RATE_LIMIT_BODY).withHeader("retry-after-ms", "1500"));

        RateLimitException e = assertThrows(RateLimitException.class, asking(conversation));

        assertEquals(List.of("1500"), e.headers().values("retry-after-ms"));
    }

    @Test
    void failing_upstream_is_a_502() {
        Conversation conversation = conversationWithOneTurn();
        failing();

        InternalServerException e = assertThrows(InternalServerException.class, asking(conversation));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals(502, e.statusCode()),
                () -> assertEquals("server_error", error.type()),
                () -> assertTrue(error.message().contains("HTTP 500"), error.message()));
    }

    @Test
    void upstream_answer_that_is_not_a_completion_is_a_502_and_stores_nothing() {
        Conversation conversation = conversationWithOneTurn();
        JsonNode before = itemsJson(client, conversation.id());
        upstream.enqueue(UpstreamStandIn.Reply.json(200, "{\"object\":\"chat.completion\",\"choices\":[]}"));

        InternalServerException e = assertThrows(InternalServerException.class, asking(conversation));

        assertAll(
                () -> assertEquals(502, e.statusCode()),
                () -> assertEquals(before, itemsJson(client, conversation.id())));
    }

    @Test
    void upstream_refusing_the_request_keeps_its_4xx_and_message() {
        Conversation conversation = conversationWithOneTurn();
        upstream.enqueue(UpstreamStandIn.Reply.json(400,
                "{\"error\":{\"message\":\"Unknown model: nope\",\"type\":\"invalid_request_error\"}}"));

        BadRequestException e = assertThrows(BadRequestException.class, asking(conversation));

        assertTrue(error(e).message().contains("Unknown model: nope"), error(e).message());
    }

    @Test
    void upstream_refusing_with_a_code_passes_the_code_on() {
        Conversation conversation = conversationWithOneTurn();
        upstream.enqueue(UpstreamStandIn.Reply.json(400, "{\"error\":{\"message\":\"Too long.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));

        BadRequestException e = assertThrows(BadRequestException.class, asking(conversation));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals("context_length_exceeded", error.code().orElse(null)),
                () -> assertTrue(error.param().isEmpty(), "the upstream's param names its own request"));
    }

    @Test
    void upstream_refusing_this_servers_key_is_a_502_not_the_callers_401() {
        Conversation conversation = conversationWithOneTurn();
        upstream.enqueue(UpstreamStandIn.Reply.json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\"}}"));

        InternalServerException e = assertThrows(InternalServerException.class, asking(conversation));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals(502, e.statusCode()),
                () -> assertEquals("upstream_error", error.code().orElse(null)),
                () -> assertTrue(error.message().contains("credentials (HTTP 401)"), error.message()));
    }

    @Test
    void rate_limited_turn_leaves_the_conversation_unchanged() {
        assertFailureLeavesConversationUnchanged(this::rateLimited, RateLimitException.class);
    }

    @Test
    void failed_turn_leaves_the_conversation_unchanged() {
        assertFailureLeavesConversationUnchanged(this::failing, InternalServerException.class);
    }

    @Test
    void rate_limited_turn_leaves_the_conversation_unlocked() {
        assertFailureLeavesConversationUnlocked(this::rateLimited, RateLimitException.class);
    }

    @Test
    void failed_turn_leaves_the_conversation_unlocked() {
        assertFailureLeavesConversationUnlocked(this::failing, InternalServerException.class);
    }

    private void assertFailureLeavesConversationUnchanged(Runnable failure,
            Class<? extends OpenAIServiceException> expected) {
        Conversation conversation = conversationWithOneTurn();
        JsonNode before = itemsJson(client, conversation.id());
        failure.run();

        assertThrows(expected, asking(conversation));

        assertAll(
                () -> assertEquals(2, before.size()),
                () -> assertEquals(before, itemsJson(client, conversation.id())));
    }

    private void assertFailureLeavesConversationUnlocked(Runnable failure,
            Class<? extends OpenAIServiceException> expected) {
        Conversation conversation = conversationWithOneTurn();
        failure.run();
        assertThrows(expected, asking(conversation));
        upstream.answer("Your name was never told.");

        Response retried = ask(conversation, "What is my name?");

        assertAll(
                () -> assertEquals("Your name was never told.", outputText(retried)),
                () -> assertEquals(4, itemsJson(client, conversation.id()).size()),
                () -> assertEquals(3, upstream.lastRequest().messages().size(),
                        "the failed turn's input is not part of the history"));
    }
}
