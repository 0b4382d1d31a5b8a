package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.ConversationKey;
import org.openconversations.errors.UpstreamApiException;
import org.openconversations.store.ItemRecord;
import org.openconversations.upstream.UpstreamStandIn;

/** What the client gets, and what is left in the store, when the upstream model does not deliver. */
class UpstreamFailuresTest extends ResponsesServiceFixture {
    private static final String ERROR_429 = "{\"error\":{\"message\":\"Rate limit reached for requests\"}}";
    private static final String ERROR_400 = "{\"error\":{\"message\":\"model 'nope' not found\"}}";
    private static final String ERROR_500 = "{\"error\":{\"message\":\"internal boom\"}}";

    private ObjectNode timedOutTurn(ConversationKey key) {
        return timedOutTurn(key, UpstreamStandIn.Reply.json(200, chatText("too late")).after(Duration.ofSeconds(4)));
    }

    private ObjectNode timedOutTurn(ConversationKey key, UpstreamStandIn.Reply late) {
        upstream.enqueue(late);
        // 4 s left: 3 s are kept for storing the turn, so the upstream gets 1 s.
        return responses.create(tenant, json("{'model':'m','conversation':'" + key.conversationId() + "',"
                + "'input':'hello'}"), Duration.ofSeconds(4)).response();
    }

    private UpstreamApiException failedTurn(Responses service, ConversationKey key) {
        return assertThrows(UpstreamApiException.class, () -> create(service,
                "{'model':'m','conversation':'" + key.conversationId() + "','input':'hello'}"));
    }

    @Test
    void an_upstream_timeout_gives_a_failed_response_with_an_error() {
        ConversationKey key = newConversation("one");

        long started = System.nanoTime();
        ObjectNode response = timedOutTurn(key);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals("failed", response.get("status").textValue());
        assertEquals("server_error", response.at("/error/code").textValue());
        assertTrue(response.at("/error/message").textValue().contains("1 second"),
                response.at("/error/message").textValue());
        assertEquals(0, response.get("output").size());
        assertTrue(took.compareTo(Duration.ofMillis(3500)) < 0, "waited " + took + " for a 1 s upstream budget");
    }

    @Test
    void a_timed_out_response_is_stored_and_readable() {
        ConversationKey key = newConversation("one");

        ObjectNode response = timedOutTurn(key);

        assertSameJson(response, storedResponse(response.get("id").textValue()));
    }

    @Test
    void a_timed_out_turn_leaves_the_conversation_unchanged_and_unlocked() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);

        timedOutTurn(key);

        assertUnchangedAndUnlocked(key, before, 2L);
    }

    @Test
    void an_answer_stalling_after_its_headers_times_out_and_the_turn_is_stored_failed_and_unlocked() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);

        ObjectNode response = timedOutTurn(key,
                UpstreamStandIn.Reply.json(200, chatText("too late")).bodyAfter(Duration.ofSeconds(4)));

        assertEquals("failed", response.get("status").textValue());
        assertSameJson(response, storedResponse(response.get("id").textValue()));
        assertUnchangedAndUnlocked(key, before, 2L);
    }

    @Test
    void an_upstream_429_is_a_429_keeping_retry_after() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);
        upstream.enqueue(UpstreamStandIn.Reply.json(429, ERROR_429).withHeader("retry-after", "7")
                .withHeader("retry-after-ms", "7000"));

        UpstreamApiException e = failedTurn(responses, key);

        assertEquals(429, e.status());
        assertEquals("7", e.headers().get("retry-after"));
        assertEquals("7000", e.headers().get("retry-after-ms"));
        assertEquals("rate_limit_exceeded", e.code());
        assertUnchangedAndUnlocked(key, before, 2L);
    }

    @Test
    void an_upstream_400_is_a_400_with_the_upstream_message() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);
        upstream.reply(400, ERROR_400);

        UpstreamApiException e = failedTurn(responses, key);

        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("model 'nope' not found"), e.getMessage());
        assertEquals("invalid_request_error", e.type());
        assertUnchangedAndUnlocked(key, before, 2L);
    }

    @Test
    void an_upstream_500_is_a_502() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);
        upstream.reply(500, ERROR_500);

        UpstreamApiException e = failedTurn(responses, key);

        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertUnchangedAndUnlocked(key, before, 2L);
    }

    @Test
    void a_refused_connection_is_a_502() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);

        UpstreamApiException e = failedTurn(service(chatModel(refusingBaseUrl())), key);

        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
        assertUnchangedAndUnlocked(key, before, 2L);
    }

    @Test
    void upstream_errors_store_no_response() {
        ConversationKey key = newConversation("one");
        upstream.reply(429, ERROR_429).reply(400, ERROR_400).reply(500, ERROR_500);

        for (int i = 0; i < 3; i++) failedTurn(responses, key);
        failedTurn(service(chatModel(refusingBaseUrl())), key);

        assertTrue(storedResponses().isEmpty());
        assertEquals(3, upstream.requests().size());
    }

    @Test
    void no_upstream_configured_is_a_503_naming_the_settings() {
        UpstreamApiException e = assertThrows(UpstreamApiException.class,
                () -> create(serviceWithoutUpstream(), "{'model':'m','input':'hello'}"));

        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("UPSTREAM_BASE_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }

    @Test
    void no_upstream_configured_locks_and_stores_nothing() {
        ConversationKey key = newConversation("one");
        List<ItemRecord> before = storedItems(key);

        UpstreamApiException e = failedTurn(serviceWithoutUpstream(), key);

        assertEquals(503, e.status());
        assertUnchangedAndUnlocked(key, before, 2L);
        assertNull(row(key).getLockOwner(), "a lock was taken");
        assertTrue(storedResponses().isEmpty());
        assertNotNull(row(key));
    }
}
