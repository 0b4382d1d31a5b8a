package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.array;
import static org.openconversations.compat.responses.ResponsesSupport.chat;
import static org.openconversations.compat.responses.ResponsesSupport.error;
import static org.openconversations.compat.responses.ResponsesSupport.itemsJson;
import static org.openconversations.compat.responses.ResponsesSupport.json;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.conversations.Conversation;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import org.junit.jupiter.api.Test;

/** {@code store:false} with a conversation (contract 7 and 8.1.7): answered, but nothing kept. */
class StoreFalseTest extends GatewayResponsesTest {
    /** A conversation with one stored turn. */
    private Conversation conversationWithOneTurn() {
        Conversation conversation = client.conversations().create();
        upstream.answer("Hi Anastasia!");
        client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input("Hi, I am Anastasia.")
                .build());
        return conversation;
    }

    private Response unstored(Conversation conversation) {
        upstream.answer("Your name is Anastasia.");
        return client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input("What is my name?")
                .store(false)
                .build());
    }

    @Test
    void unstored_turn_is_answered_from_the_conversation_history() {
        Conversation conversation = conversationWithOneTurn();

        Response response = unstored(conversation);

        assertAll(
                () -> assertEquals("Your name is Anastasia.", outputText(response)),
                () -> assertEquals(false, json(response).path("store").booleanValue()),
                () -> assertEquals(conversation.id(), response.conversation().orElseThrow().id()),
                () -> assertEquals(
                        array(chat("user", "Hi, I am Anastasia."), chat("assistant", "Hi Anastasia!"),
                                chat("user", "What is my name?")),
                        upstream.lastRequest().messages()));
    }

    @Test
    void unstored_response_cannot_be_retrieved() {
        Response response = unstored(conversationWithOneTurn());

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.responses().retrieve(response.id()));

        assertEquals(404, e.statusCode());
    }

    @Test
    void unstored_response_cannot_be_a_previous_response() {
        Response response = unstored(conversationWithOneTurn());

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .previousResponseId(response.id())
                        .input("And now?")
                        .build()));

        assertEquals("previous_response_not_found", error(e).code().orElse(null));
    }

    @Test
    void unstored_turn_leaves_the_conversation_items_unchanged() {
        Conversation conversation = conversationWithOneTurn();
        JsonNode before = itemsJson(client, conversation.id());

        unstored(conversation);

        assertAll(
                () -> assertEquals(2, before.size()),
                () -> assertEquals(before, itemsJson(client, conversation.id())));
    }

    @Test
    void unstored_turn_leaves_the_conversation_unlocked() {
        Conversation conversation = conversationWithOneTurn();
        unstored(conversation);
        upstream.answer("Still here.");

        Response next = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input("Are you there?")
                .build());

        assertAll(
                () -> assertEquals("Still here.", outputText(next)),
                () -> assertEquals(4, itemsJson(client, conversation.id()).size()));
    }
}
