package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.array;
import static org.openconversations.compat.responses.ResponsesSupport.chat;
import static org.openconversations.compat.responses.ResponsesSupport.items;
import static org.openconversations.compat.responses.ResponsesSupport.json;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.Message;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseConversationParam;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseUsage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.upstream.UpstreamStandIn;

/**
 * The product's headline: a conversation remembers what was said, turn after turn, through the official
 * openai-java SDK, with a Chat Completions upstream behind the gateway.
 */
class ConversationTurnsTest extends GatewayResponsesTest {
    private static final String INSTRUCTIONS = "You are a helpful assistant.";
    private static final String FIRST_INPUT = "Hi! Remember: My name is Anastasia.";
    private static final String FIRST_ANSWER = "Nice to meet you, Anastasia!";
    private static final String SECOND_INPUT = "What is my name?";
    private static final String SECOND_ANSWER = "Your name is Anastasia.";

    /** The two turns of the seed scenario, on a new conversation. */
    private record Seed(Conversation conversation, Response first, Response second) {}

    private Seed seed(String model) {
        Conversation conversation = client.conversations().create();
        upstream.answer(FIRST_ANSWER).answer(SECOND_ANSWER);
        Response first = client.responses().create(ResponseCreateParams.builder()
                .model(model)
                .conversation(conversation.id())
                .instructions(INSTRUCTIONS)
                .input(FIRST_INPUT)
                .build());
        Response second = client.responses().create(ResponseCreateParams.builder()
                .model(model)
                .conversation(conversation.id())
                .instructions(INSTRUCTIONS)
                .input(SECOND_INPUT)
                .build());
        return new Seed(conversation, first, second);
    }

    @Test
    void second_turn_sends_the_instructions_then_the_whole_conversation_then_the_new_input() {
        seed(MODEL);

        List<UpstreamStandIn.Recorded> requests = upstream.requests();
        assertEquals(2, requests.size());
        assertAll(
                () -> assertEquals("/v1/chat/completions", requests.get(1).path()),
                () -> assertEquals(
                        array(chat("system", INSTRUCTIONS), chat("user", FIRST_INPUT),
                                chat("assistant", FIRST_ANSWER), chat("user", SECOND_INPUT)),
                        requests.get(1).messages()));
    }

    @Test
    void first_turn_sends_the_instructions_and_the_input_only() {
        seed(MODEL);

        assertEquals(array(chat("system", INSTRUCTIONS), chat("user", FIRST_INPUT)),
                upstream.requests().getFirst().messages());
    }

    @Test
    void each_turn_answers_with_the_upstream_text_and_the_conversation_id() {
        Seed seed = seed(MODEL);

        assertAll(
                () -> assertEquals(FIRST_ANSWER, outputText(seed.first())),
                () -> assertEquals(SECOND_ANSWER, outputText(seed.second())),
                () -> assertEquals(seed.conversation().id(), seed.second().conversation().orElseThrow().id()),
                () -> assertEquals(seed.conversation().id(), seed.first().conversation().orElseThrow().id()),
                () -> assertTrue(seed.second().id().startsWith("resp_"), seed.second().id()),
                () -> assertEquals("completed", seed.second().status().orElseThrow().asString()),
                () -> assertTrue(seed.second().previousResponseId().isEmpty()),
                () -> assertEquals(INSTRUCTIONS, seed.second().instructions().orElseThrow().asString()));
    }

    @Test
    void conversation_holds_user_assistant_user_assistant_and_never_the_instructions() {
        Seed seed = seed(MODEL);

        List<ConversationItem> items = items(client, seed.conversation().id());

        assertEquals(4, items.size(), items::toString);
        Message user1 = items.get(0).message().orElseThrow();
        Message assistant1 = items.get(1).message().orElseThrow();
        Message user2 = items.get(2).message().orElseThrow();
        Message assistant2 = items.get(3).message().orElseThrow();
        assertAll(
                () -> assertEquals(Message.Role.USER, user1.role()),
                () -> assertEquals(FIRST_INPUT, user1.content().getFirst().inputText().orElseThrow().text()),
                () -> assertEquals(Message.Role.ASSISTANT, assistant1.role()),
                () -> assertEquals(FIRST_ANSWER, assistant1.content().getFirst().outputText().orElseThrow().text()),
                () -> assertEquals(Message.Role.USER, user2.role()),
                () -> assertEquals(SECOND_INPUT, user2.content().getFirst().inputText().orElseThrow().text()),
                () -> assertEquals(Message.Role.ASSISTANT, assistant2.role()),
                () -> assertEquals(SECOND_ANSWER, assistant2.content().getFirst().outputText().orElseThrow().text()),
                () -> assertTrue(List.of(user1, assistant1, user2, assistant2).stream()
                        .allMatch(m -> m.id().startsWith("msg_")), "ids: " + items),
                () -> assertEquals(seed.first().output().getFirst().asMessage().id(), assistant1.id()),
                () -> assertEquals(seed.second().output().getFirst().asMessage().id(), assistant2.id()));
    }

    @Test
    void model_string_reaches_the_upstream_untouched_and_is_echoed() {
        Seed seed = seed(MODEL);

        assertAll(
                () -> assertEquals(MODEL, upstream.requests().get(0).json().get("model").textValue()),
                () -> assertEquals(MODEL, upstream.requests().get(1).json().get("model").textValue()),
                () -> assertEquals(MODEL, json(seed.second()).get("model").textValue()));
    }

    @Test
    void yandex_model_uri_reaches_the_upstream_untouched_and_is_echoed() {
        String yandex = "gpt://b1gfolder/yandexgpt/latest";

        Seed seed = seed(yandex);

        assertAll(
                () -> assertEquals(yandex, upstream.requests().get(0).json().get("model").textValue()),
                () -> assertEquals(yandex, upstream.requests().get(1).json().get("model").textValue()),
                () -> assertEquals(yandex, json(seed.first()).get("model").textValue()),
                () -> assertEquals(SECOND_ANSWER, outputText(seed.second())));
    }

    @Test
    void the_upstream_is_called_with_the_configured_key() {
        seed(MODEL);

        assertEquals("Bearer sk-test", upstream.requests().getFirst().header("authorization"));
    }

    @Test
    void system_message_sent_as_input_item_is_stored_first_and_sent_every_turn() {
        Conversation conversation = client.conversations().create();
        upstream.answer(FIRST_ANSWER).answer(SECOND_ANSWER);
        client.responses().create(ResponseCreateParams.builder()
                .model("gpt://b1gfolder/yandexgpt")
                .conversation(conversation.id())
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.SYSTEM)
                                .content(INSTRUCTIONS)
                                .build()),
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.USER)
                                .content(FIRST_INPUT)
                                .build())))
                .build());
        Response second = client.responses().create(ResponseCreateParams.builder()
                .model("gpt://b1gfolder/yandexgpt")
                .conversation(conversation.id())
                .input(SECOND_INPUT)
                .build());

        List<ConversationItem> items = items(client, conversation.id());
        List<Message.Role> roles = items.stream().map(item -> item.message().orElseThrow().role()).toList();
        assertAll(
                () -> assertEquals(List.of(Message.Role.SYSTEM, Message.Role.USER, Message.Role.ASSISTANT,
                        Message.Role.USER, Message.Role.ASSISTANT), roles),
                () -> assertEquals(INSTRUCTIONS,
                        items.getFirst().message().orElseThrow().content().getFirst().inputText().orElseThrow().text()),
                () -> assertEquals(
                        array(chat("system", INSTRUCTIONS), chat("user", FIRST_INPUT),
                                chat("assistant", FIRST_ANSWER), chat("user", SECOND_INPUT)),
                        upstream.requests().get(1).messages()),
                () -> assertTrue(second.instructions().isEmpty(), "no instructions were sent"),
                () -> assertEquals(SECOND_ANSWER, outputText(second)));
    }

    @Test
    void stored_turn_items_are_completed() {
        Seed seed = seed(MODEL);

        List<Message.Status> statuses = items(client, seed.conversation().id()).stream()
                .map(item -> item.message().orElseThrow().status())
                .toList();

        assertEquals(List.of(Message.Status.COMPLETED, Message.Status.COMPLETED, Message.Status.COMPLETED,
                Message.Status.COMPLETED), statuses);
    }

    @Test
    void conversation_given_as_an_object_works_like_its_id() {
        Conversation conversation = client.conversations().create();
        upstream.answer(FIRST_ANSWER);

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(ResponseConversationParam.builder().id(conversation.id()).build())
                .input(FIRST_INPUT)
                .build());

        assertAll(
                () -> assertEquals(conversation.id(), response.conversation().orElseThrow().id()),
                () -> assertEquals(2, items(client, conversation.id()).size()));
    }

    @Test
    void answer_cut_at_max_tokens_is_incomplete_and_still_stored() {
        Conversation conversation = client.conversations().create();
        upstream.enqueue(UpstreamStandIn.Reply.json(200,
                UpstreamStandIn.completion("Nice to meet", null, 10, 16).replace("\"stop\"", "\"length\"")));

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input(FIRST_INPUT)
                .maxOutputTokens(16L)
                .build());

        List<ConversationItem> items = items(client, conversation.id());
        assertAll(
                () -> assertEquals("incomplete", response.status().orElseThrow().asString()),
                () -> assertEquals("max_output_tokens",
                        response.incompleteDetails().orElseThrow().reason().orElseThrow().asString()),
                () -> assertEquals("Nice to meet", outputText(response)),
                () -> assertEquals(2, items.size(), items::toString),
                () -> assertEquals(Message.Status.INCOMPLETE, items.get(1).message().orElseThrow().status()));
    }

    @Test
    void non_ascii_text_reaches_the_upstream_and_comes_back_intact() {
        Conversation conversation = client.conversations().create();
        String question = "Привет! Меня зовут Анастасия 🙂 — запомни.";
        String answer = "Приятно познакомиться, Анастасия! 👋";
        upstream.answer(answer);

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model("gpt://b1gfolder/yandexgpt/latest")
                .conversation(conversation.id())
                .input(question)
                .build());

        List<ConversationItem> items = items(client, conversation.id());
        assertAll(
                () -> assertEquals(array(chat("user", question)), upstream.onlyRequest().messages()),
                () -> assertEquals(answer, outputText(response)),
                () -> assertEquals(question,
                        items.get(0).message().orElseThrow().content().getFirst().inputText().orElseThrow().text()),
                () -> assertEquals(answer,
                        items.get(1).message().orElseThrow().content().getFirst().outputText().orElseThrow().text()));
    }

    @Test
    void upstream_usage_becomes_the_response_usage() {
        Conversation conversation = client.conversations().create();
        upstream.enqueue(UpstreamStandIn.Reply.json(200, UpstreamStandIn.completion(FIRST_ANSWER, null, 31, 9)));

        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input(FIRST_INPUT)
                .build());

        ResponseUsage usage = response.usage().orElseThrow();
        assertAll(
                () -> assertEquals(31, usage.inputTokens()),
                () -> assertEquals(9, usage.outputTokens()),
                () -> assertEquals(40, usage.totalTokens()),
                () -> assertEquals(0, usage.inputTokensDetails().cachedTokens()),
                () -> assertEquals(0, usage.outputTokensDetails().reasoningTokens()));
    }
}
