package org.openconversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.Conversation;
import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.ConversationKey;
import org.openconversations.compaction.TestCompaction;
import org.openconversations.domain.Conversations;
import org.openconversations.domain.ItemPage;
import org.openconversations.domain.ListItemsQuery;
import org.openconversations.domain.StoredItem;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.handlers.PurgeDeletedConversationHandler;
import org.openconversations.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The storage behaviour of the Conversations API, through the real services and repositories, against a
 * real DynamoDB. Subclasses say which DynamoDB: DynamoDB Local always, LocalStack when Docker exists.
 */
abstract class ConversationStoreContract {
    private static final String TENANT = "default";

    protected abstract URI endpoint();

    private final RequestCounter counter = new RequestCounter();
    private DynamoDbClient client;
    private Conversations conversations;
    private ConversationItems items;
    private DynamoItemRepository itemRows;
    private DynamoConversationRepository rows;

    @BeforeEach
    void wire() {
        client = DynamoDb.client(endpoint().toString(), List.of(counter));
        rows = new DynamoConversationRepository(client, TestStore.CONVERSATIONS_TABLE, TestStore.ITEMS_TABLE);
        itemRows = new DynamoItemRepository(client, TestStore.ITEMS_TABLE);
        conversations = new Conversations(rows, TestCompaction.items(), Clock.systemUTC());
        items = new ConversationItems(conversations, rows, itemRows, TestCompaction.items());
    }

    @Test
    void created_conversation_reads_back_with_its_metadata() {
        Conversation created = conversations.create(TENANT, json("{\"metadata\":{\"topic\":\"demo\"}}"));

        Conversation read = conversations.get(key(created));

        assertEquals(created, read);
        assertEquals(Map.of("topic", "demo"), read.metadata());
        assertTrue(read.id().matches("conv_[0-9a-f]{48}"));
    }

    @Test
    void initial_items_are_stored_in_order_with_server_assigned_ids() {
        Conversation created = conversations.create(TENANT, json(
                "{\"items\":[{\"role\":\"user\",\"content\":\"one\"},{\"role\":\"assistant\",\"content\":\"two\"}]}"));

        List<StoredItem> page = items.list(key(created), query(null, 20, true)).items();

        assertEquals(List.of("one", "two"), texts(page));
        assertTrue(page.get(0).id().matches("msg_[0-9a-f]{48}"));
    }

    @Test
    void appended_items_page_in_exact_insertion_order_for_every_page_size_and_both_orders() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        List<String> inserted = appendNumbered(key, 250);
        List<String> newestFirst = new ArrayList<>(inserted);
        Collections.reverse(newestFirst);

        for (int pageSize : new int[] {1, 7, 20, 100}) {
            assertEquals(inserted, readAll(key, pageSize, true), "asc, page size " + pageSize);
            assertEquals(newestFirst, readAll(key, pageSize, false), "desc, page size " + pageSize);
        }
    }

    @Test
    void a_page_costs_the_same_requests_whatever_the_conversation_size() {
        ConversationKey small = key(conversations.create(TENANT, json("{}")));
        ConversationKey large = key(conversations.create(TENANT, json("{}")));
        appendNumbered(small, 10);
        appendNumbered(large, 250);

        List<String> smallFirst = operationsOf(() -> items.list(small, query(null, 5, true)));
        List<String> largeFirst = operationsOf(() -> items.list(large, query(null, 5, true)));
        String smallCursor = items.list(small, query(null, 5, true)).items().getLast().id();
        String largeCursor = items.list(large, query(null, 100, false)).items().getLast().id();
        List<String> smallAfter = operationsOf(() -> items.list(small, query(smallCursor, 5, true)));
        List<String> largeAfter = operationsOf(() -> items.list(large, query(largeCursor, 5, false)));

        assertEquals(List.of("GetItem", "Query"), smallFirst);
        assertEquals(smallFirst, largeFirst);
        assertEquals(List.of("GetItem", "Query", "Query"), smallAfter);
        assertEquals(smallAfter, largeAfter);
    }

    @Test
    void a_page_with_more_beyond_it_says_has_more() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        appendNumbered(key, 3);

        ItemPage page = items.list(key, query(null, 2, true));

        assertEquals(2, page.items().size());
        assertTrue(page.hasMore());
    }

    @Test
    void after_the_last_item_the_page_is_empty_without_more() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        appendNumbered(key, 3);
        String last = items.list(key, query(null, 3, true)).items().getLast().id();

        ItemPage page = items.list(key, query(last, 20, true));

        assertTrue(page.items().isEmpty());
        assertFalse(page.hasMore());
    }

    @Test
    void an_unknown_after_is_a_bad_request() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> items.list(key, query("msg_unknown", 20, true)));

        assertEquals("after", error.param());
    }

    @Test
    void concurrent_appends_lose_nothing_and_keep_each_batch_contiguous() throws Exception {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        int writers = 4;
        int batchesEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batchesEach; b++) {
                        appendRetryingWhileLocked(key, batchOf("w" + writer + "b" + b + "-", 3));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) future.get();
        } finally {
            pool.shutdownNow();
        }

        List<String> stored = readAll(key, 100, true);
        assertEquals(writers * batchesEach * 3, stored.size());
        assertEquals(stored.size(), new HashSet<>(stored).size());
        for (int i = 0; i < stored.size(); i += 3) {
            String batch = stored.get(i).substring(0, stored.get(i).indexOf('-') + 1);
            assertEquals(List.of(batch + 0, batch + 1, batch + 2), stored.subList(i, i + 3), "batch at " + i);
        }
    }

    @Test
    void a_client_id_already_in_the_conversation_is_a_duplicate_and_nothing_is_stored() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        items.add(key, json("{\"items\":[{\"id\":\"msg_client1\",\"role\":\"user\",\"content\":\"first\"}]}"));

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> items.add(key, json(
                "{\"items\":[{\"role\":\"user\",\"content\":\"new\"},"
                        + "{\"id\":\"msg_client1\",\"role\":\"user\",\"content\":\"again\"}]}")));

        assertEquals("Duplicate item found with id msg_client1. Remove duplicate items from your input and try"
                + " again.", error.getMessage());
        assertEquals(List.of("first"), readAll(key, 100, true));
    }

    @Test
    void one_invalid_item_among_twenty_stores_none() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        ArrayNode batch = batchOf("ok-", 20);
        ((ObjectNode) batch.get(13)).put("role", "robot");
        ObjectNode body = Json.object();
        body.set("items", batch);

        assertThrows(InvalidRequestException.class, () -> items.add(key, body));

        assertEquals(List.of(), readAll(key, 100, true));
    }

    @Test
    void an_item_over_the_row_limit_is_refused_and_nothing_is_stored() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        ObjectNode body = Json.object();
        ArrayNode batch = batchOf("small-", 1);
        ObjectNode huge = batch.addObject();
        huge.put("role", "user");
        huge.put("content", "x".repeat(410_000));
        body.set("items", batch);

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> items.add(key, body));

        assertEquals("item_too_large", error.code());
        assertEquals("items[1]", error.param());
        assertEquals(List.of(), readAll(key, 100, true));
    }

    @Test
    void an_item_just_under_the_row_limit_is_stored_and_read_back_whole() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        String text = "y".repeat(400_000);
        ObjectNode body = Json.object();
        body.putArray("items").addObject().put("role", "user").put("content", text);

        StoredItem added = items.add(key, body).getFirst();

        assertEquals(text, Json.parse(items.get(key, added.id()).json()).at("/content/0/text").textValue());
    }

    @Test
    void a_deleted_conversation_and_its_items_answer_not_found() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        String itemId = items.add(key, json("{\"items\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).getFirst().id();

        conversations.delete(key);

        assertThrows(NotFoundException.class, () -> conversations.get(key));
        assertThrows(NotFoundException.class, () -> items.get(key, itemId));
        assertThrows(NotFoundException.class, () -> items.list(key, query(null, 20, true)));
        assertThrows(NotFoundException.class, () -> items.add(key, json("{\"items\":[]}")));
        assertThrows(NotFoundException.class, () -> conversations.delete(key));
    }

    @Test
    void the_purge_removes_every_item_row_of_a_deleted_conversation() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        appendNumbered(key, 130);
        conversations.delete(key);

        new PurgeDeletedConversationHandler(rows, itemRows).handleRequest(removeRecordFor(key), null);

        assertEquals(0, itemRowCount(key));
    }

    @Test
    void a_late_removal_record_leaves_a_conversation_that_exists_untouched() {
        ConversationKey key = key(conversations.create(TENANT, json("{}")));
        appendNumbered(key, 3);

        new PurgeDeletedConversationHandler(rows, itemRows).handleRequest(removeRecordFor(key), null);

        assertEquals(3, itemRowCount(key));
    }

    @Test
    void deleting_an_item_removes_it_from_pages_and_answers_with_the_conversation() {
        Conversation created = conversations.create(TENANT, json("{\"metadata\":{\"k\":\"v\"}}"));
        ConversationKey key = key(created);
        List<StoredItem> added = items.add(key, batchBody("d-", 3));

        Conversation answer = items.delete(key, added.get(1).id());

        assertEquals(created, answer);
        assertEquals(List.of("d-0", "d-2"), readAll(key, 100, true));
        assertThrows(NotFoundException.class, () -> items.get(key, added.get(1).id()));
        assertThrows(NotFoundException.class, () -> items.delete(key, added.get(1).id()));
    }

    @Test
    void updating_metadata_replaces_the_whole_map() {
        ConversationKey key = key(conversations.create(TENANT, json("{\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}")));

        Conversation updated = conversations.updateMetadata(key, json("{\"metadata\":{\"c\":\"3\"}}"));

        assertEquals(Map.of("c", "3"), updated.metadata());
        assertEquals(Map.of("c", "3"), conversations.get(key).metadata());
    }

    @Test
    void null_metadata_clears_the_map() {
        ConversationKey key = key(conversations.create(TENANT, json("{\"metadata\":{\"a\":\"1\"}}")));

        conversations.updateMetadata(key, json("{\"metadata\":null}"));

        assertEquals(Map.of(), conversations.get(key).metadata());
    }

    @Test
    void updating_an_unknown_conversation_is_not_found() {
        ConversationKey unknown = new ConversationKey(TENANT, "conv_doesnotexist");

        assertThrows(NotFoundException.class,
                () -> conversations.updateMetadata(unknown, json("{\"metadata\":{}}")));
    }

    @Test
    void another_tenant_cannot_reach_the_conversation_or_its_items() {
        Conversation created = conversations.create(TENANT, json("{\"items\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        ConversationKey foreign = new ConversationKey("other-tenant", created.id());

        assertThrows(NotFoundException.class, () -> conversations.get(foreign));
        assertThrows(NotFoundException.class, () -> items.list(foreign, query(null, 20, true)));
        assertThrows(NotFoundException.class, () -> conversations.delete(foreign));
        assertEquals(created, conversations.get(key(created)));
    }

    // ---- helpers ----

    private static ConversationKey key(Conversation conversation) {
        return new ConversationKey(TENANT, conversation.id());
    }

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    private static ListItemsQuery query(String after, int limit, boolean ascending) {
        return new ListItemsQuery(after, limit, ascending, List.of());
    }

    private static ArrayNode batchOf(String label, int count) {
        ArrayNode batch = Json.array();
        for (int i = 0; i < count; i++) batch.addObject().put("role", "user").put("content", label + i);
        return batch;
    }

    private static ObjectNode batchBody(String label, int count) {
        ObjectNode body = Json.object();
        body.set("items", batchOf(label, count));
        return body;
    }

    /** Appends n items labelled 0..n-1 in batches of varying size (1 to 20). */
    private List<String> appendNumbered(ConversationKey key, int n) {
        List<String> labels = new ArrayList<>();
        int next = 0;
        for (int size = 1; next < n; size = size % 20 + 1) {
            ArrayNode batch = Json.array();
            for (int i = 0; i < size && next < n; i++, next++) {
                batch.addObject().put("role", "user").put("content", "n" + next);
                labels.add("n" + next);
            }
            ObjectNode body = Json.object();
            body.set("items", batch);
            items.add(key, body);
        }
        return labels;
    }

    private void appendRetryingWhileLocked(ConversationKey key, ArrayNode batch) throws InterruptedException {
        ObjectNode body = Json.object();
        body.set("items", batch);
        while (true) {
            try {
                items.add(key, body);
                return;
            } catch (InvalidRequestException e) {
                if (!"conversation_locked".equals(e.code())) throw e;
                Thread.sleep(50);
            }
        }
    }

    /** Follows {@code after = last id} until an empty page, exactly as openai-java's auto-pager does. */
    private List<String> readAll(ConversationKey key, int pageSize, boolean ascending) {
        List<String> texts = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        String after = null;
        while (true) {
            ItemPage page = items.list(key, query(after, pageSize, ascending));
            if (page.items().isEmpty()) return texts;
            for (StoredItem item : page.items()) {
                assertTrue(seen.add(item.seq()), "item returned twice: " + item.id());
            }
            texts.addAll(texts(page.items()));
            after = page.items().getLast().id();
        }
    }

    private static List<String> texts(List<StoredItem> page) {
        return page.stream().map(item -> Json.parse(item.json()).at("/content/0/text").textValue()).toList();
    }

    private List<String> operationsOf(Runnable action) {
        counter.reset();
        action.run();
        return counter.operations();
    }

    private int itemRowCount(ConversationKey key) {
        return client.query(QueryRequest.builder()
                        .tableName(TestStore.ITEMS_TABLE)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                        key.partitionKey())))
                        .select("COUNT")
                        .consistentRead(true)
                        .build())
                .count();
    }

    private static DynamodbEvent removeRecordFor(ConversationKey key) {
        StreamRecord change = new StreamRecord();
        change.setKeys(Map.of("pk", new AttributeValue().withS(key.partitionKey())));
        change.setSequenceNumber("1");
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("test");
        record.setEventName("REMOVE");
        record.setDynamodb(change);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
