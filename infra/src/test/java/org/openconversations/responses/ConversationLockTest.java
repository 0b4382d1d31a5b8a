package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.ConversationKey;
import org.openconversations.domain.StoredItem;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.store.ConversationRecord;
import org.openconversations.upstream.UpstreamStandIn;

/** The per-conversation lock a response holds while it generates, as other writers meet it. */
class ConversationLockTest extends ResponsesServiceFixture {
    private static final String OTHER = "resp_other";

    private void lockByOther(ConversationKey key, long expiresAt) {
        assertTrue(conversationRows.lock(key.partitionKey(), OTHER, clock.seconds(), expiresAt).isPresent());
    }

    private ObjectNode turn(ConversationKey key) {
        return create("{'model':'m','conversation':'" + key.conversationId() + "','input':'hello'}");
    }

    @Test
    void create_on_a_conversation_locked_by_another_response_is_conversation_locked() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds() + 60);

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> turn(key));

        assertEquals(400, e.status());
        assertEquals("conversation_locked", e.code());
        assertEquals("conversation", e.param());
        assertEquals(0, upstream.requests().size());
        assertEquals(OTHER, row(key).getLockOwner());
    }

    @Test
    void adding_items_to_a_locked_conversation_is_conversation_locked() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds() + 60);

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> conversationItems.add(key, json("{'items':[{'role':'user','content':'two'}]}")));

        assertEquals("conversation_locked", e.code());
        assertEquals(1, storedItems(key).size());
    }

    @Test
    void a_lock_that_expired_in_the_past_does_not_block_create() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds() - 1);
        upstream.reply(200, chatText("hi"));

        ObjectNode response = turn(key);

        assertEquals("completed", response.get("status").textValue());
        assertEquals(3, storedItems(key).size());
    }

    @Test
    void a_lock_is_free_once_the_clock_passes_its_expiry() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds() + 60);
        clock.advance(Duration.ofSeconds(61));
        upstream.reply(200, chatText("hi"));

        ObjectNode response = turn(key);

        assertEquals("completed", response.get("status").textValue());
        assertEquals(3, storedItems(key).size());
    }

    @Test
    void adding_items_after_the_lock_expired_succeeds() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds() + 60);
        clock.advance(Duration.ofSeconds(61));

        List<StoredItem> added = conversationItems.add(key, json("{'items':[{'role':'user','content':'two'}]}"));

        assertEquals(1, added.size());
        assertEquals(2L, added.getFirst().seq());
        assertEquals(2, storedItems(key).size());
    }

    @Test
    void unlock_by_a_non_owner_leaves_the_lock() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds() + 60);

        conversationRows.unlock(key.partitionKey(), "resp_intruder");

        ConversationRecord row = row(key);
        assertEquals(OTHER, row.getLockOwner());
        assertTrue(row.isLocked(clock.seconds()));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> turn(key));
        assertEquals("conversation_locked", e.code());
    }

    @Test
    void a_live_lock_cannot_be_taken_by_another_owner() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds() + 60);

        assertTrue(conversationRows.lock(key.partitionKey(), "resp_second", clock.seconds(), clock.seconds() + 60)
                .isEmpty());
        assertEquals(OTHER, row(key).getLockOwner());
    }

    @Test
    void a_response_in_flight_locks_out_a_second_create() throws Exception {
        ConversationKey key = newConversation("one");
        upstream.enqueue(UpstreamStandIn.Reply.json(200, chatText("slow")).after(Duration.ofMillis(1500)));
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<ObjectNode> first = pool.submit(() -> turn(key));
            awaitUpstreamRequests(1);

            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> turn(key));

            assertEquals("conversation_locked", e.code());
            assertEquals("completed", first.get(10, TimeUnit.SECONDS).get("status").textValue());
        }
        assertEquals(1, upstream.requests().size());
        assertEquals(3, storedItems(key).size());
        assertFalse(row(key).isLocked(clock.seconds()));
    }

    @Test
    void a_response_in_flight_locks_out_adding_items() throws Exception {
        ConversationKey key = newConversation("one");
        upstream.enqueue(UpstreamStandIn.Reply.json(200, chatText("slow")).after(Duration.ofMillis(1500)));
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<ObjectNode> first = pool.submit(() -> turn(key));
            awaitUpstreamRequests(1);

            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> conversationItems.add(key, json("{'items':[{'role':'user','content':'two'}]}")));

            assertEquals("conversation_locked", e.code());
            first.get(10, TimeUnit.SECONDS);
        }
        List<Long> seqs = seqs(storedItems(key));
        assertEquals(List.of(1L, 2L, 3L), seqs);
    }

    @Test
    void a_turn_whose_lock_expired_and_was_taken_during_generation_is_not_appended() throws Exception {
        ConversationKey key = newConversation("one");
        upstream.enqueue(UpstreamStandIn.Reply.json(200, chatText("late")).after(Duration.ofMillis(1500)));
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<ObjectNode> first = pool.submit(() -> turn(key));
            awaitUpstreamRequests(1);
            // REMAINING 30 s: the lock lasts 27 + 3 + 5 s; move past it and let another response take it.
            clock.advance(Duration.ofSeconds(40));
            lockByOther(key, clock.seconds() + 60);

            ExecutionException e = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));

            assertTrue(e.getCause() instanceof InvalidRequestException, e.getCause().toString());
            assertEquals("conversation_locked", ((InvalidRequestException) e.getCause()).code());
        }
        assertEquals(1, storedItems(key).size());
        assertEquals(2L, row(key).getNextSeq());
        assertEquals(OTHER, row(key).getLockOwner(), "the late response released the new owner's lock");
        assertTrue(row(key).isLocked(clock.seconds()));
        assertTrue(storedResponses().isEmpty());
    }

    // A lock expiring at second T: ConversationRecord.isLocked(T) says free (expires_at > now is locked), but
    // the lock and append conditions in DynamoConversationRepository say live (free only if expires_at < now).
    @Test
    void a_lock_expiring_this_very_second_is_free_for_create_as_is_locked_says() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds());
        assertFalse(row(key).isLocked(clock.seconds()));
        upstream.reply(200, chatText("hi"));

        ObjectNode response = turn(key);

        assertEquals("completed", response.get("status").textValue());
    }

    @Test
    void a_lock_expiring_this_very_second_is_free_for_adding_items_as_is_locked_says() {
        ConversationKey key = newConversation("one");
        lockByOther(key, clock.seconds());
        assertFalse(row(key).isLocked(clock.seconds()));

        List<StoredItem> added = conversationItems.add(key, json("{'items':[{'role':'user','content':'two'}]}"));

        assertEquals(1, added.size());
    }

    private void awaitUpstreamRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (upstream.requests().size() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("the upstream was not called");
            Thread.sleep(10);
        }
    }

    @Test
    void create_on_an_unknown_conversation_is_404_not_locked() {
        String unknown = "conv_" + "0".repeat(48);

        var e = assertThrows(org.openconversations.errors.NotFoundException.class,
                () -> create("{'model':'m','conversation':'" + unknown + "','input':'hello'}"));

        assertEquals(404, e.status());
        assertEquals("conversation", e.param());
        assertTrue(conversationRows.find(tenant + "#" + unknown).isEmpty(), "lock created a conversation row");
    }
}
