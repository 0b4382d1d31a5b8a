package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.array;
import static org.openconversations.compat.responses.ResponsesSupport.chat;
import static org.openconversations.compat.responses.ResponsesSupport.error;
import static org.openconversations.compat.responses.ResponsesSupport.items;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.errors.BadRequestException;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.conversations.items.ItemCreateParams;
import com.openai.models.conversations.items.ItemDeleteParams;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseReasoningItem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openconversations.json.Json;
import org.openconversations.upstream.UpstreamStandIn;

/**
 * Responses over conversations edited through the Conversations API, and output items that have no chat form
 * (reasoning text from DeepSeek / vLLM style upstreams).
 */
class ConversationItemsInterplayTest extends GatewayResponsesTest {
    private Response ask(Conversation conversation, String input) {
        return client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input(input)
                .build());
    }

    private static EasyInputMessage message(EasyInputMessage.Role role, String text) {
        return EasyInputMessage.builder().role(role).content(text).build();
    }

    @Test
    void items_given_at_creation_and_added_later_are_the_context() {
        Conversation conversation = client.conversations().create(ConversationCreateParams.builder()
                .addItem(message(EasyInputMessage.Role.SYSTEM, "Be brief."))
                .addItem(message(EasyInputMessage.Role.USER, "My name is Anastasia."))
                .build());
        client.conversations().items().create(conversation.id(), ItemCreateParams.builder()
                .addItem(message(EasyInputMessage.Role.ASSISTANT, "Noted."))
                .build());
        upstream.answer("Anastasia.");

        Response response = ask(conversation, "What is my name?");

        assertAll(
                () -> assertEquals(
                        array(chat("system", "Be brief."), chat("user", "My name is Anastasia."),
                                chat("assistant", "Noted."), chat("user", "What is my name?")),
                        upstream.onlyRequest().messages()),
                () -> assertEquals("Anastasia.", outputText(response)),
                () -> assertEquals(5, items(client, conversation.id()).size()));
    }

    @Test
    void a_deleted_item_is_no_longer_sent() {
        Conversation conversation = client.conversations().create();
        upstream.answer("Hello Anastasia!");
        ask(conversation, "My name is Anastasia.");
        List<ConversationItem> before = items(client, conversation.id());
        String userItem = before.getFirst().message().orElseThrow().id();
        client.conversations().items().delete(userItem,
                ItemDeleteParams.builder().conversationId(conversation.id()).build());
        upstream.reset();
        upstream.answer("I do not know.");

        ask(conversation, "What is my name?");

        assertEquals(array(chat("assistant", "Hello Anastasia!"), chat("user", "What is my name?")),
                upstream.onlyRequest().messages());
    }

    @Test
    void deleting_a_response_keeps_its_turn_in_the_conversation() {
        Conversation conversation = client.conversations().create();
        upstream.answer("Hello!");
        Response response = ask(conversation, "Hi");

        client.responses().delete(response.id());
        upstream.answer("Yes, you said Hi.");
        ask(conversation, "Did I greet you?");

        assertAll(
                () -> assertEquals(4, items(client, conversation.id()).size()),
                () -> assertEquals(array(chat("user", "Hi"), chat("assistant", "Hello!"), chat("user", "Did I greet you?")),
                        upstream.lastRequest().messages()));
    }

    @Test
    void adding_items_while_a_response_is_in_flight_is_conversation_locked() throws Exception {
        Conversation conversation = client.conversations().create();
        upstream.enqueue(UpstreamStandIn.Reply.json(200, UpstreamStandIn.completion("Done.", null, 1, 1))
                .after(Duration.ofMillis(1500)));
        BadRequestException e;
        Response response;
        // Not the common pool: the gateway's upstream call (JDK HttpClient.sendAsync) completes through it, and
        // on a 2-CPU machine a test blocking it starves that call until it times out.
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<Response> inFlight = pool.submit(() -> ask(conversation, "Start"));
            awaitUpstreamRequest();

            e = assertThrows(BadRequestException.class,
                    () -> client.conversations().items().create(conversation.id(), ItemCreateParams.builder()
                            .addItem(message(EasyInputMessage.Role.USER, "Sneaking in"))
                            .build()));
            response = inFlight.get();
        }

        List<ConversationItem> items = items(client, conversation.id());
        assertAll(
                () -> assertEquals("conversation_locked", error(e).code().orElse(null)),
                () -> assertEquals("Done.", outputText(response), () -> ResponsesSupport.json(response).toString()),
                () -> assertEquals(2, items.size(), items::toString),
                () -> assertEquals("Start", items.getFirst().message().orElseThrow().content().getFirst()
                        .inputText().orElseThrow().text()));
    }

    private static void awaitUpstreamRequest() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstream.requests().isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the upstream was never called");
            Thread.sleep(10);
        }
    }

    private Response reasoningTurn(Conversation conversation) {
        ObjectNode completion = (ObjectNode) Json.parse(UpstreamStandIn.completion("42.", null, 20, 30));
        ((ObjectNode) completion.get("choices").get(0).get("message"))
                .put("reasoning_content", "The user asks for the answer. It is 42.");
        upstream.enqueue(UpstreamStandIn.Reply.json(200, Json.write(completion)));
        return ask(conversation, "What is the answer?");
    }

    @Test
    void reasoning_text_becomes_a_reasoning_item_before_the_message() {
        Conversation conversation = client.conversations().create();

        Response response = reasoningTurn(conversation);

        ResponseReasoningItem reasoning = response.output().getFirst().reasoning().orElseThrow();
        assertAll(
                () -> assertEquals(2, response.output().size()),
                () -> assertTrue(reasoning.id().startsWith("rs_"), reasoning.id()),
                () -> assertEquals("The user asks for the answer. It is 42.",
                        reasoning.content().orElseThrow().getFirst().text()),
                () -> assertEquals("42.", outputText(response)),
                () -> assertEquals(3, items(client, conversation.id()).size()));
    }

    @Test
    void stored_reasoning_is_left_out_of_the_next_chat_request() {
        Conversation conversation = client.conversations().create();
        reasoningTurn(conversation);
        upstream.reset();
        upstream.answer("You asked for the answer.");

        ask(conversation, "What did I ask?");

        assertEquals(array(chat("user", "What is the answer?"), chat("assistant", "42."),
                chat("user", "What did I ask?")), upstream.onlyRequest().messages());
    }
}
