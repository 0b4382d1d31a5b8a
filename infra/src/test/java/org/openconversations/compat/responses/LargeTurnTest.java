package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.error;
import static org.openconversations.compat.responses.ResponsesSupport.itemsJson;
import static org.openconversations.compat.responses.ResponsesSupport.items;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.BadRequestException;
import com.openai.models.conversations.Conversation;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Turns near DynamoDB's 400 KB row limit. A stored response's input may take up to 300 KB (compressed); a
 * request within that limit must not fail because of the answer's length unless the answer itself cannot be
 * stored, and then with a defined error that leaves the conversation as it was.
 */
class LargeTurnTest extends GatewayResponsesTest {
    private static final int INPUT_CHARS = 250 * 1024;
    private static final int ANSWER_CHARS = 160 * 1024;
    private static final int UNSTORABLE_ANSWER_CHARS = 420 * 1024;

    /** Prose-like text of random lowercase words: it compresses about as well as real text, not better. */
    private static String text(int chars, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(chars + 16);
        while (text.length() < chars) {
            int length = 2 + random.nextInt(8);
            for (int i = 0; i < length; i++) text.append((char) ('a' + random.nextInt(26)));
            text.append(' ');
        }
        return text.substring(0, chars);
    }

    private Response ask(Conversation conversation, String input, Boolean store) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(MODEL).input(input);
        if (conversation != null) params.conversation(conversation.id());
        if (store != null) params.store(store);
        return client.responses().create(params.build());
    }

    @Test
    void large_input_with_a_long_answer_is_answered_and_stored_in_the_conversation() {
        Conversation conversation = client.conversations().create();
        String answer = text(ANSWER_CHARS, 2);
        upstream.answer(answer);

        Response response = ask(conversation, text(INPUT_CHARS, 1), null);

        assertAll(
                () -> assertEquals(answer, outputText(response)),
                () -> assertEquals(2, items(client, conversation.id()).size()),
                () -> assertEquals(answer, outputText(client.responses().retrieve(response.id()))));
    }

    @Test
    void large_input_with_a_long_answer_is_answered_and_stored_without_a_conversation() {
        String answer = text(ANSWER_CHARS, 2);
        upstream.answer(answer);

        Response response = ask(null, text(INPUT_CHARS, 1), null);

        assertAll(
                () -> assertEquals(answer, outputText(response)),
                () -> assertEquals(answer, outputText(client.responses().retrieve(response.id()))));
    }

    @Test
    void answer_too_large_to_store_is_response_too_large_and_the_conversation_is_unchanged() {
        Conversation conversation = client.conversations().create();
        upstream.answer("Short.");
        ask(conversation, "Hello", null);
        JsonNode before = itemsJson(client, conversation.id());
        upstream.answer(text(UNSTORABLE_ANSWER_CHARS, 3));

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ask(conversation, "Tell me everything.", null));

        assertAll(
                () -> assertEquals("response_too_large", error(e).code().orElse(null)),
                () -> assertEquals(before, itemsJson(client, conversation.id())));
    }

    @Test
    void after_an_unstorable_answer_the_conversation_is_unlocked() {
        Conversation conversation = client.conversations().create();
        upstream.answer(text(UNSTORABLE_ANSWER_CHARS, 3));
        assertThrows(BadRequestException.class, () -> ask(conversation, "Tell me everything.", null));
        upstream.answer("Short answer.");

        Response next = ask(conversation, "A short question.", null);

        assertAll(
                () -> assertEquals("Short answer.", outputText(next)),
                () -> assertEquals(2, items(client, conversation.id()).size()));
    }

    @Test
    void answer_too_large_to_store_is_still_answered_with_store_false() {
        Conversation conversation = client.conversations().create();
        String answer = text(UNSTORABLE_ANSWER_CHARS, 3);
        upstream.answer(answer);

        Response response = ask(conversation, "Tell me everything.", false);

        assertAll(
                () -> assertEquals(answer, outputText(response)),
                () -> assertEquals(0, items(client, conversation.id()).size()));
    }
}
