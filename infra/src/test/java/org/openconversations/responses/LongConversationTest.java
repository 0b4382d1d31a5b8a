package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.compaction.TestCompaction;
import org.openconversations.domain.ConversationKey;
import org.openconversations.domain.Ids;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;
import org.openconversations.store.ConversationRecord;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.store.ItemRecord;
import org.openconversations.store.TestStore;
import org.openconversations.tokens.TokenCounter;
import org.openconversations.tokens.Tokenizer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/**
 * A conversation of 5,000 items answered with a 2,000-token window: only what fits is read and sent, and the
 * DynamoDB reads are counted to show they follow the window, not the conversation's length.
 */
class LongConversationTest extends ResponsesServiceFixture {
    private static final int ITEMS = 5_000;
    private static final String SMALL_WINDOW = "test-window-2000";
    private static final String LONG_TENANT = "long-" + UUID.randomUUID().toString().substring(0, 8);
    private static final TokenCounter COUNTER = new TokenCounter(Tokenizer.O200K_BASE);
    private static ConversationKey longConversation;

    private final DynamoDbReads reads = new DynamoDbReads();
    private Responses counted;
    private InputTokens countedTokens;

    /** Written straight into the tables (batch writes), as 5,000 turns through the API would take minutes. */
    @BeforeAll
    static void seedFiveThousandItems() {
        DynamoDbEnhancedClient enhanced = DynamoDb.enhanced(dynamoDb());
        longConversation = new ConversationKey(LONG_TENANT, Ids.newConversationId());
        DynamoDbTable<ItemRecord> table = enhanced.table(TestStore.ITEMS_TABLE, ItemRecord.TABLE_SCHEMA);
        List<ItemRecord> batch = new ArrayList<>();
        for (int seq = 1; seq <= ITEMS; seq++) {
            batch.add(new ItemRecord(longConversation.partitionKey(), seq, Ids.newId("msg"), Json.write(message(seq))));
            if (batch.size() == 25 || seq == ITEMS) {
                WriteBatch.Builder<ItemRecord> write = WriteBatch.builder(ItemRecord.class).mappedTableResource(table);
                batch.forEach(write::addPutItem);
                enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder().addWriteBatch(write.build()).build());
                batch.clear();
            }
        }
        ConversationRecord row = new ConversationRecord();
        row.setPk(longConversation.partitionKey());
        row.setId(longConversation.conversationId());
        row.setCreatedAt(1_795_345_200L);
        row.setNextSeq(ITEMS + 1L);
        new DynamoConversationRepository(dynamoDb(), TestStore.CONVERSATIONS_TABLE, TestStore.ITEMS_TABLE,
                TestStore.RESPONSES_TABLE).create(row, List.of());
    }

    private static ObjectNode message(int seq) {
        ObjectNode item = Json.object();
        item.put("type", "message");
        item.put("id", "msg_unused");
        item.put("status", "completed");
        item.put("role", seq % 2 == 1 ? "user" : "assistant");
        item.putArray("content").addObject().put("type", seq % 2 == 1 ? "input_text" : "output_text")
                .put("text", "Message number " + seq + " of a very long conversation.");
        return item;
    }

    @BeforeEach
    void countReads() {
        DynamoDbClient counting = DynamoDb.client(TestStore.endpoint().toString(), List.of(reads));
        DynamoConversationRepository conversations = new DynamoConversationRepository(counting,
                TestStore.CONVERSATIONS_TABLE, TestStore.ITEMS_TABLE, TestStore.RESPONSES_TABLE);
        DynamoItemRepository items = new DynamoItemRepository(counting, TestStore.ITEMS_TABLE);
        DynamoResponseRepository responseRows = new DynamoResponseRepository(counting, TestStore.RESPONSES_TABLE);
        counted = new Responses(conversations, items, responseRows, TestCompaction.items(), profiles(),
                () -> Optional.of(chatModel(upstream.baseUrl())), clock, RETENTION);
        countedTokens = new InputTokens(conversations, items, responseRows, TestCompaction.items(), profiles(), clock);
        reads.reset();
    }

    private JsonNode body(String truncation, String text) {
        return json("{'model':'" + SMALL_WINDOW + "','conversation':'" + longConversation.conversationId()
                + "','truncation':'" + truncation + "','input':'" + text + "'}");
    }

    private List<ItemRecord> newest(int count) {
        return itemRows.page(longConversation.partitionKey(), null, count, false).rows().reversed();
    }

    @Test
    void truncation_auto_sends_only_the_newest_items_that_fit_the_window() {
        upstream.answer("Noted.");

        counted.create(LONG_TENANT, body("auto", "What was the last message?"), REMAINING);

        JsonNode sent = upstream.onlyRequest().json().get("messages");
        int history = sent.size() - 1;
        List<ItemRecord> expected = newest(history + 2).subList(0, history);
        assertAll(
                () -> assertTrue(history > 50 && history < 400, "history items sent: " + history),
                () -> assertEquals("What was the last message?", sent.get(history).get("content").asText()),
                () -> assertEquals(Json.parse(expected.getFirst().getBody()).at("/content/0/text").asText(),
                        sent.get(0).get("content").asText()),
                () -> assertEquals(Json.parse(expected.getLast().getBody()).at("/content/0/text").asText(),
                        sent.get(history - 1).get("content").asText()));
    }

    @Test
    void truncation_auto_reads_what_the_window_needs_not_the_whole_conversation() {
        upstream.answer("Noted.");

        counted.create(LONG_TENANT, body("auto", "Anything new?"), REMAINING);

        int sentItems = upstream.onlyRequest().json().get("messages").size() - 1;
        assertAll(
                () -> assertEquals(0, reads.count("Scan")),
                () -> assertTrue(reads.count("Query") <= 4, reads.operations().toString()),
                () -> assertTrue(reads.rowsQueried() <= 2L * sentItems + 40,
                        "rows read " + reads.rowsQueried() + " for " + sentItems + " items sent"),
                () -> assertTrue(reads.operations().size() <= 8, reads.operations().toString()));
    }

    @Test
    void truncation_disabled_refuses_the_overflow_before_any_upstream_call_and_stores_nothing() {
        long nextSeq = conversationRows.find(longConversation.partitionKey()).orElseThrow().getNextSeq();

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> counted.create(LONG_TENANT, body("disabled", "Hello?"), REMAINING));

        ConversationRecord after = conversationRows.find(longConversation.partitionKey()).orElseThrow();
        assertAll(
                () -> assertEquals("context_length_exceeded", e.code()),
                () -> assertEquals("input", e.param()),
                () -> assertTrue(e.getMessage().startsWith("Your input exceeds the context window of this model."),
                        e.getMessage()),
                () -> assertTrue(upstream.requests().isEmpty()),
                () -> assertEquals(nextSeq, after.getNextSeq()),
                () -> assertFalse(after.isLocked(clock.seconds())),
                () -> assertTrue(reads.rowsQueried() <= 400, "rows read " + reads.rowsQueried()));
    }

    @Test
    void input_tokens_counts_exactly_what_the_truncated_response_sends() {
        JsonNode body = body("auto", "How many tokens is this?");
        int tokens = countedTokens.count(LONG_TENANT, body).get("input_tokens").intValue();
        upstream.answer("Many.");

        counted.create(LONG_TENANT, body, REMAINING);

        int history = upstream.onlyRequest().json().get("messages").size() - 1;
        List<ObjectNode> sent = new ArrayList<>();
        // The newest rows now include this turn; the context was the rows just before it.
        List<ItemRecord> rows = newest(history + 2).subList(0, history);
        rows.forEach(row -> sent.add((ObjectNode) Json.parse(row.getBody())));
        sent.add(object("{'type':'message','role':'user','content':[{'type':'input_text',"
                + "'text':'How many tokens is this?'}]}"));
        assertEquals(TokenCounter.REPLY_PRIMING + COUNTER.items(sent), tokens);
        assertTrue(tokens <= 2_000, "counted " + tokens);
    }

    @Test
    void input_tokens_without_truncation_is_the_same_400_as_the_response_would_be() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> countedTokens.count(LONG_TENANT, body("disabled", "Hello?")));

        assertEquals("context_length_exceeded", e.code());
        assertTrue(reads.rowsQueried() <= 400, "rows read " + reads.rowsQueried());
    }
}
