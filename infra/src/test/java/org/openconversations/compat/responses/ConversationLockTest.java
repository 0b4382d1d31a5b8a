package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;
import static org.openconversations.compat.responses.ResponsesSupport.error;
import static org.openconversations.compat.responses.ResponsesSupport.items;
import static org.openconversations.compat.responses.ResponsesSupport.outputText;

import com.openai.errors.BadRequestException;
import com.openai.models.ErrorObject;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openconversations.upstream.UpstreamStandIn;

/** One response at a time per conversation (contract 6 and 8.1: {@code conversation_locked}). */
class ConversationLockTest extends GatewayResponsesTest {
    private static final Duration SLOW = Duration.ofMillis(1500);

    private record Outcome(String input, Response response, RuntimeException failure) {}

    /** Sends the inputs on the conversation at the same moment; the upstream answers each after 1.5 s. */
    private List<Outcome> race(Conversation conversation, String... inputs) throws Exception {
        for (String input : inputs) {
            upstream.enqueue(UpstreamStandIn.Reply.json(200, UpstreamStandIn.completion("Answered.", null, 5, 5))
                    .after(SLOW));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(inputs.length)) {
            for (String input : inputs) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return new Outcome(input, client.responses().create(ResponseCreateParams.builder()
                                .model(MODEL)
                                .conversation(conversation.id())
                                .input(input)
                                .build()), null);
                    } catch (RuntimeException e) {
                        return new Outcome(input, null, e);
                    }
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) outcomes.add(future.get());
            return outcomes;
        }
    }

    @Test
    void of_two_concurrent_requests_one_succeeds_and_the_other_is_conversation_locked() throws Exception {
        Conversation conversation = client.conversations().create();

        List<Outcome> outcomes = race(conversation, "first", "second");

        List<Outcome> succeeded = outcomes.stream().filter(o -> o.response() != null).toList();
        List<Outcome> failed = outcomes.stream().filter(o -> o.failure() != null).toList();
        assertEquals(1, succeeded.size(), () -> "outcomes: " + outcomes);
        assertEquals(1, failed.size(), () -> "outcomes: " + outcomes);
        BadRequestException locked = assertInstanceOf(BadRequestException.class, failed.getFirst().failure());
        ErrorObject error = error(locked);
        assertAll(
                () -> assertEquals(400, locked.statusCode()),
                () -> assertEquals("conversation_locked", error.code().orElse(null)),
                () -> assertEquals("conversation", error.param().orElse(null)),
                () -> assertEquals(1, upstream.requests().size(), "only the winner reaches the upstream"));
    }

    @Test
    void after_the_race_the_conversation_holds_exactly_the_winning_turn() throws Exception {
        Conversation conversation = client.conversations().create();

        List<Outcome> outcomes = race(conversation, "first", "second");

        Outcome winner = outcomes.stream().filter(o -> o.response() != null).findFirst().orElseThrow();
        List<ConversationItem> items = items(client, conversation.id());
        assertEquals(2, items.size(), items::toString);
        assertAll(
                () -> assertEquals(winner.input(),
                        items.get(0).message().orElseThrow().content().getFirst().inputText().orElseThrow().text()),
                () -> assertEquals(winner.response().output().getFirst().asMessage().id(),
                        items.get(1).message().orElseThrow().id()),
                () -> assertEquals("Answered.", items.get(1).message().orElseThrow().content()
                        .getFirst().outputText().orElseThrow().text()));
    }

    @Test
    void after_the_race_the_lock_is_released_and_a_new_turn_succeeds() throws Exception {
        Conversation conversation = client.conversations().create();
        race(conversation, "first", "second");
        upstream.reset();
        upstream.answer("Next answer");

        Response next = client.responses().create(ResponseCreateParams.builder()
                .model(MODEL)
                .conversation(conversation.id())
                .input("next")
                .build());

        assertAll(
                () -> assertEquals("Next answer", outputText(next)),
                () -> assertEquals(4, items(client, conversation.id()).size()),
                () -> assertEquals(3, upstream.onlyRequest().messages().size(),
                        "the winner's turn and the new input"));
    }
}
