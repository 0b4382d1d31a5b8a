package org.openconversations.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openconversations.config.Settings;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
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

    private final DynamoDbClient lowLevel;
    private final String conversationsTable;
    private final Lazy<WriteTables> writes;

    /** @param responsesTable where a response's turn is stored with it; null for functions that store none */
    public DynamoConversationRepository(
            DynamoDbClient lowLevel, String conversationsTable, String itemsTable, String responsesTable) {
        this.lowLevel = lowLevel;
        this.conversationsTable = conversationsTable;
        this.writes = Lazy.of(() -> WriteTables.of(lowLevel, conversationsTable, itemsTable, responsesTable));
    }

    /**
     * The Enhanced Client's tables, which only writes use. Built on the first write, so that read-only routes
     * (every read is a low-level call) never load the client and its tables: about 40 classes of cold start.
     */
    private record WriteTables(DynamoDbEnhancedClient client, DynamoDbTable<ConversationRecord> conversations,
            DynamoDbTable<ItemRecord> items, DynamoDbTable<ResponseRecord> responses) {
        static WriteTables of(DynamoDbClient lowLevel, String conversationsTable, String itemsTable,
                String responsesTable) {
            DynamoDbEnhancedClient client = DynamoDb.enhanced(lowLevel);
            return new WriteTables(client, client.table(conversationsTable, ConversationRecord.TABLE_SCHEMA),
                    client.table(itemsTable, ItemRecord.TABLE_SCHEMA),
                    responsesTable == null ? null : client.table(responsesTable, ResponseRecord.TABLE_SCHEMA));
        }
    }

    public DynamoConversationRepository(DynamoDbClient client, String conversationsTable, String itemsTable) {
        this(client, conversationsTable, itemsTable, null);
    }

    public static DynamoConversationRepository fromEnvironment(DynamoDbClient client) {
        return new DynamoConversationRepository(client, Settings.require("CONVERSATIONS_TABLE"),
                Settings.require("ITEMS_TABLE"), Settings.get("RESPONSES_TABLE"));
    }

    /**
     * Strongly consistent: a conversation created or deleted a moment ago must be seen as such. The low-level
     * client, as every keyed call here: {@link RowKeys} says why.
     */
    public Optional<ConversationRecord> find(String pk) {
        Map<String, AttributeValue> row = lowLevel.getItem(r -> r.tableName(conversationsTable)
                .key(RowKeys.of(pk)).consistentRead(true)).item();
        return Optional.ofNullable(ConversationRecord.TABLE_SCHEMA.mapToItem(row));
    }

    public void create(ConversationRecord conversation, List<ItemRecord> firstItems) {
        if (firstItems.isEmpty()) {
            writes.get().conversations().putItem(PutItemEnhancedRequest.builder(ConversationRecord.class)
                    .item(conversation).conditionExpression(ROW_ABSENT).build());
            return;
        }
        WriteTables tables = writes.get();
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(tables.conversations(), TransactPutItemEnhancedRequest.builder(ConversationRecord.class)
                        .item(conversation).conditionExpression(ROW_ABSENT).build());
        firstItems.forEach(item -> transaction.addPutItem(tables.items(), item));
        tables.client().transactWriteItems(transaction.build());
    }

    /**
     * Appends items at {@code current.nextSeq}, moving the conversation's sequence past them in the same
     * transaction. The condition on {@code next_seq} makes this an optimistic lock: if another writer appended,
     * a response locked the conversation, or it was deleted since {@code current} was read, nothing is written
     * and this returns false.
     */
    public boolean append(ConversationRecord current, List<ItemRecord> newItems, long nowSeconds) {
        Expression unchangedAndUnlocked = Expression.builder()
                .expression("#next_seq = :expected_next_seq"
                        + " AND (attribute_not_exists(#lock_owner) OR #lock_expires_at <= :now)")
                .putExpressionName("#next_seq", "next_seq")
                .putExpressionName("#lock_owner", "lock_owner")
                .putExpressionName("#lock_expires_at", "lock_expires_at")
                .putExpressionValue(":expected_next_seq", number(current.getNextSeq()))
                .putExpressionValue(":now", number(nowSeconds))
                .build();
        return transact(advance(current, newItems.size(), false), unchangedAndUnlocked, newItems, null);
    }

    /**
     * Locks the conversation for one response: the lock expires by itself, so a crashed or timed-out function
     * never locks a conversation for good. Returns the conversation as locked, or empty when it does not
     * exist or another lock is live (tell them apart with {@link #find}).
     */
    public Optional<ConversationRecord> lock(String pk, String owner, long nowSeconds, long expiresAt) {
        ConversationRecord lock = new ConversationRecord();
        lock.setPk(pk);
        lock.setLockOwner(owner);
        lock.setLockExpiresAt(expiresAt);
        Expression free = Expression.builder()
                .expression("attribute_exists(pk) AND (attribute_not_exists(#lock_owner) OR #lock_expires_at <= :now)")
                .putExpressionName("#lock_owner", "lock_owner")
                .putExpressionName("#lock_expires_at", "lock_expires_at")
                .putExpressionValue(":now", number(nowSeconds))
                .build();
        try {
            return Optional.of(writes.get().conversations().updateItem(UpdateItemEnhancedRequest.builder(ConversationRecord.class)
                    .item(lock).ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY).conditionExpression(free).build()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Releases the lock if this owner still holds it; a lock taken over since is left alone. */
    public void unlock(String pk, String owner) {
        ConversationRecord release = new ConversationRecord();
        release.setPk(pk);
        release.setLockExpiresAt(0L);
        try {
            writes.get().conversations().updateItem(UpdateItemEnhancedRequest.builder(ConversationRecord.class)
                    .item(release).ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(heldBy(owner)).build());
        } catch (ConditionalCheckFailedException e) {
            // Someone else's lock now, or the conversation is gone: nothing of ours to release.
        }
    }

    /**
     * Appends a response's turn (its input then output items) and stores the response, releasing the lock
     * with the last write. A turn too big for one transaction (100 actions, 4 MB) is written in several;
     * each is conditional on the lock, which keeps every other writer out, so the run stays contiguous.
     * Returns false if the lock was lost (expired and taken) or the conversation deleted meanwhile.
     */
    public boolean appendTurn(ConversationRecord locked, String owner, List<ItemRecord> turn, ResponseRecord response) {
        List<List<ItemRecord>> chunks = TransactionChunks.of(turn);
        long nextSeq = locked.getNextSeq();
        for (int i = 0; i < chunks.size(); i++) {
            boolean last = i == chunks.size() - 1;
            ConversationRecord at = new ConversationRecord();
            at.setPk(locked.getPk());
            at.setNextSeq(nextSeq);
            Expression stillOurs = Expression.builder()
                    .expression("#next_seq = :expected_next_seq AND #lock_owner = :owner")
                    .putExpressionName("#next_seq", "next_seq")
                    .putExpressionName("#lock_owner", "lock_owner")
                    .putExpressionValue(":expected_next_seq", number(nextSeq))
                    .putExpressionValue(":owner", AttributeValue.fromS(owner))
                    .build();
            if (!transact(advance(at, chunks.get(i).size(), last), stillOurs, chunks.get(i), last ? response : null)) {
                return false;
            }
            nextSeq += chunks.get(i).size();
        }
        return true;
    }

    private static ConversationRecord advance(ConversationRecord current, int count, boolean releaseLock) {
        ConversationRecord advanced = new ConversationRecord();
        advanced.setPk(current.getPk());
        advanced.setNextSeq(current.getNextSeq() + count);
        if (releaseLock) advanced.setLockExpiresAt(0L);
        return advanced;
    }

    private boolean transact(ConversationRecord update, Expression condition, List<ItemRecord> rows,
            ResponseRecord response) {
        WriteTables tables = writes.get();
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(tables.conversations(), TransactUpdateItemEnhancedRequest.builder(ConversationRecord.class)
                        .item(update).ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                        .conditionExpression(condition).build());
        rows.forEach(item -> transaction.addPutItem(tables.items(), item));
        if (response != null) transaction.addPutItem(tables.responses(), response);
        try {
            tables.client().transactWriteItems(transaction.build());
            return true;
        } catch (TransactionCanceledException e) {
            if (lostRace(e)) return false;
            throw e;
        }
    }

    private static Expression heldBy(String owner) {
        return Expression.builder()
                .expression("#lock_owner = :owner")
                .putExpressionName("#lock_owner", "lock_owner")
                .putExpressionValue(":owner", AttributeValue.fromS(owner))
                .build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    /** Replaces the whole metadata map; empty when the conversation does not exist. */
    public Optional<ConversationRecord> replaceMetadata(String pk, Map<String, String> metadata) {
        ConversationRecord change = new ConversationRecord();
        change.setPk(pk);
        change.setMetadata(metadata);
        // MAPS_ONLY writes the map as one attribute; SCALAR_ONLY would merge it key by key into the old map.
        try {
            return Optional.of(writes.get().conversations().updateItem(UpdateItemEnhancedRequest.builder(ConversationRecord.class)
                    .item(change).ignoreNullsMode(IgnoreNullsMode.MAPS_ONLY)
                    .conditionExpression(ROW_PRESENT).build()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Deletes the row and returns it; its items follow through the table's stream and the purge function. */
    public Optional<ConversationRecord> delete(String pk) {
        Map<String, AttributeValue> old = lowLevel.deleteItem(r -> r.tableName(conversationsTable)
                .key(RowKeys.of(pk)).returnValues(ReturnValue.ALL_OLD)).attributes();
        return Optional.ofNullable(ConversationRecord.TABLE_SCHEMA.mapToItem(old));
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
