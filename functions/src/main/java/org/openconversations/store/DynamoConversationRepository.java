package org.openconversations.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openconversations.config.Settings;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * ConversationsTable, and the writes anchored on a conversation row: creating a conversation with its first
 * items, and appending items, each as one transaction so a request is stored whole or not at all.
 */
public final class DynamoConversationRepository {
    private static final Expression ROW_ABSENT = Expression.builder()
            .expression("attribute_not_exists(pk)").build();
    private static final Expression ROW_PRESENT = Expression.builder()
            .expression("attribute_exists(pk)").build();

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<ConversationRecord> conversations;
    private final DynamoDbTable<ItemRecord> items;

    public DynamoConversationRepository(DynamoDbEnhancedClient client, String conversationsTable, String itemsTable) {
        this.client = client;
        this.conversations = client.table(conversationsTable, ConversationRecord.TABLE_SCHEMA);
        this.items = client.table(itemsTable, ItemRecord.TABLE_SCHEMA);
    }

    public static DynamoConversationRepository fromEnvironment(DynamoDbEnhancedClient client) {
        return new DynamoConversationRepository(
                client, Settings.require("CONVERSATIONS_TABLE"), Settings.require("ITEMS_TABLE"));
    }

    /** Strongly consistent: a conversation created or deleted a moment ago must be seen as such. */
    public Optional<ConversationRecord> find(String pk) {
        return Optional.ofNullable(conversations.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(pk).build())
                .consistentRead(true)
                .build()));
    }

    public void create(ConversationRecord conversation, List<ItemRecord> firstItems) {
        if (firstItems.isEmpty()) {
            conversations.putItem(PutItemEnhancedRequest.builder(ConversationRecord.class)
                    .item(conversation).conditionExpression(ROW_ABSENT).build());
            return;
        }
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(conversations, TransactPutItemEnhancedRequest.builder(ConversationRecord.class)
                        .item(conversation).conditionExpression(ROW_ABSENT).build());
        firstItems.forEach(item -> transaction.addPutItem(items, item));
        client.transactWriteItems(transaction.build());
    }

    /**
     * Appends items at {@code current.nextSeq}, moving the conversation's sequence past them in the same
     * transaction. The condition on {@code next_seq} makes this an optimistic lock: if another writer appended
     * or the conversation was deleted since {@code current} was read, nothing is written and this returns false.
     */
    public boolean append(ConversationRecord current, List<ItemRecord> newItems) {
        ConversationRecord advanced = new ConversationRecord();
        advanced.setPk(current.getPk());
        advanced.setNextSeq(current.getNextSeq() + newItems.size());
        Expression unchanged = Expression.builder()
                .expression("#next_seq = :expected_next_seq")
                .putExpressionName("#next_seq", "next_seq")
                .putExpressionValue(":expected_next_seq",
                        AttributeValue.builder().n(Long.toString(current.getNextSeq())).build())
                .build();
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(conversations, TransactUpdateItemEnhancedRequest.builder(ConversationRecord.class)
                        .item(advanced).ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                        .conditionExpression(unchanged).build());
        newItems.forEach(item -> transaction.addPutItem(items, item));
        try {
            client.transactWriteItems(transaction.build());
            return true;
        } catch (TransactionCanceledException e) {
            if (lostRace(e)) return false;
            throw e;
        }
    }

    /** Replaces the whole metadata map; empty when the conversation does not exist. */
    public Optional<ConversationRecord> replaceMetadata(String pk, Map<String, String> metadata) {
        ConversationRecord change = new ConversationRecord();
        change.setPk(pk);
        change.setMetadata(metadata);
        // MAPS_ONLY writes the map as one attribute; SCALAR_ONLY would merge it key by key into the old map.
        try {
            return Optional.of(conversations.updateItem(UpdateItemEnhancedRequest.builder(ConversationRecord.class)
                    .item(change).ignoreNullsMode(IgnoreNullsMode.MAPS_ONLY)
                    .conditionExpression(ROW_PRESENT).build()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Deletes the row and returns it; its items follow through the table's stream and the purge function. */
    public Optional<ConversationRecord> delete(String pk) {
        return Optional.ofNullable(conversations.deleteItem(Key.builder().partitionValue(pk).build()));
    }

    private static boolean lostRace(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) return false;
        for (CancellationReason reason : e.cancellationReasons()) {
            String code = reason.code();
            if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) return true;
        }
        return false;
    }
}
