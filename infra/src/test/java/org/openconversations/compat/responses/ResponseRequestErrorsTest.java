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
import com.openai.errors.NotFoundException;
import com.openai.models.ErrorObject;
import com.openai.models.conversations.Conversation;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests refused before the upstream is asked anything (contract 6 and 8.1). */
class ResponseRequestErrorsTest extends GatewayResponsesTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String newId(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    private Response turn(String conversationId, String input, String answer) {
        upstream.answer(answer);
        return client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversationId)
                .input(input)
                .build());
    }

    @Test
    void conversation_and_previous_response_id_together_are_a_bad_request() {
        Conversation conversation = client.conversations().create();
        Response previous = turn(conversation.id(), "Hello", "Hi!");
        upstream.reset();

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .conversation(conversation.id())
                        .previousResponseId(previous.id())
                        .input("Again")
                        .build()));

        assertAll(
                () -> assertEquals(400, e.statusCode()),
                () -> assertEquals("invalid_request_error", error(e).type()),
                () -> assertTrue(error(e).message().contains("previous_response_id")
                        && error(e).message().contains("conversation"), error(e).message()),
                () -> assertEquals(List.of(), upstream.requests()));
    }

    @Test
    void unknown_conversation_is_not_found() {
        String unknown = newId("conv");

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .conversation(unknown)
                        .input("Hello")
                        .build()));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals(404, e.statusCode()),
                () -> assertEquals("invalid_request_error", error.type()),
                () -> assertEquals("conversation", error.param().orElse(null)),
                () -> assertTrue(error.message().contains(unknown), error.message()),
                () -> assertEquals(List.of(), upstream.requests()));
    }

    @Test
    void deleted_conversation_is_not_found() {
        Conversation conversation = client.conversations().create();
        turn(conversation.id(), "Hello", "Hi!");
        client.conversations().delete(conversation.id());
        upstream.reset();

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .conversation(conversation.id())
                        .input("Are you there?")
                        .build()));

        assertAll(
                () -> assertEquals(404, e.statusCode()),
                () -> assertEquals(List.of(), upstream.requests()));
    }

    @Test
    void unknown_previous_response_id_is_previous_response_not_found() {
        String unknown = newId("resp");

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .previousResponseId(unknown)
                        .input("Hello")
                        .build()));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals("previous_response_not_found", error.code().orElse(null)),
                () -> assertEquals("previous_response_id", error.param().orElse(null)),
                () -> assertEquals("Previous response with id '" + unknown + "' not found.", error.message()),
                () -> assertEquals(List.of(), upstream.requests()));
    }

    @Test
    void resending_an_item_already_in_the_conversation_is_a_duplicate() {
        Conversation conversation = client.conversations().create();
        Response first = turn(conversation.id(), "Hello", "Hi there!");
        JsonNode before = itemsJson(client, conversation.id());
        upstream.reset();
        String storedId = first.output().getFirst().asMessage().id();

        // What a client keeping its own history would do: send the previous output back as input.
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .conversation(conversation.id())
                        .inputOfResponse(List.of(
                                ResponseInputItem.ofResponseOutputMessage(first.output().getFirst().asMessage()),
                                ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                        .role(EasyInputMessage.Role.USER)
                                        .content("And again?")
                                        .build())))
                        .build()));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals("Duplicate item found with id " + storedId
                        + ". Remove duplicate items from your input and try again.", error.message()),
                () -> assertEquals("input", error.param().orElse(null)),
                () -> assertEquals(List.of(), upstream.requests()),
                () -> assertEquals(before, itemsJson(client, conversation.id())));
    }

    @Test
    void a_refused_duplicate_leaves_the_conversation_unlocked() {
        Conversation conversation = client.conversations().create();
        Response first = turn(conversation.id(), "Hello", "Hi there!");
        assertThrows(BadRequestException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .conversation(conversation.id())
                        .inputOfResponse(List.of(
                                ResponseInputItem.ofResponseOutputMessage(first.output().getFirst().asMessage())))
                        .build()));

        Response next = turn(conversation.id(), "Still there?", "Yes.");

        assertEquals("Yes.", outputText(next));
    }

    @Test
    void unknown_response_is_not_found_with_its_id_in_the_message() {
        String unknown = newId("resp");

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.responses().retrieve(unknown));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals("Response with id '" + unknown + "' not found.", error.message()),
                () -> assertEquals("invalid_request_error", error.type()),
                () -> assertEquals(null, error.param().orElse(null)),
                () -> assertEquals(null, error.code().orElse(null)));
    }

    @Test
    void moderation_is_refused_as_unsupported_before_the_upstream_is_asked() {
        Conversation conversation = client.conversations().create();

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .conversation(conversation.id())
                        .input("Hello")
                        .moderation(ResponseCreateParams.Moderation.builder().model("omni-moderation-latest").build())
                        .build()));

        ErrorObject error = error(e);
        assertAll(
                () -> assertEquals("unsupported_parameter", error.code().orElse(null)),
                () -> assertEquals("moderation", error.param().orElse(null)),
                () -> assertEquals(List.of(), upstream.requests()),
                () -> assertEquals(0, itemsJson(client, conversation.id()).size()));
    }
}
