package org.openconversations.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openconversations.config.Settings;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
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
    private final String itemsTable;
    private final String responsesTable;

    /** @param responsesTable where a response's turn is stored with it; null for functions that store none */
    public DynamoConversationRepository(
            DynamoDbClient lowLevel, String conversationsTable, String itemsTable, String responsesTable) {
        this.lowLevel = lowLevel;
        this.conversationsTable = conversationsTable;
        this.itemsTable = itemsTable;
        this.responsesTable = responsesTable;
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
        Map<String, AttributeValue> row = ConversationRecord.TABLE_SCHEMA.itemToMap(conversation, true);
        if (firstItems.isEmpty()) {
            lowLevel.putItem(r -> r.tableName(conversationsTable).item(row)
                    .conditionExpression(ROW_ABSENT.expression()));
            return;
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(conversationsTable).item(row)
                .conditionExpression(ROW_ABSENT.expression())).build());
        firstItems.forEach(item -> actions.add(put(itemsTable, ItemRecord.TABLE_SCHEMA.itemToMap(item, true))));
        lowLevel.transactWriteItems(r -> r.transactItems(actions));
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
        return transact(advance(current.getPk(), current.getNextSeq() + newItems.size(), false, unchangedAndUnlocked),
                newItems, null);
    }

    /**
     * Locks the conversation for one response: the lock expires by itself, so a crashed or timed-out function
     * never locks a conversation for good. Returns the conversation as locked, or empty when it does not
     * exist or another lock is live (tell them apart with {@link #find}).
     */
    public Optional<ConversationRecord> lock(String pk, String owner, long nowSeconds, long expiresAt) {
        Expression free = Expression.builder()
                .expression("attribute_exists(pk) AND (attribute_not_exists(#lock_owner) OR #lock_expires_at <= :now)")
                .putExpressionName("#lock_owner", "lock_owner")
                .putExpressionName("#lock_expires_at", "lock_expires_at")
                .putExpressionValue(":now", number(nowSeconds))
                .build();
        try {
            RowUpdate lock = new RowUpdate(conversationsTable, RowKeys.of(pk),
                    Map.of("lock_owner", AttributeValue.fromS(owner), "lock_expires_at", number(expiresAt)), free);
            return Optional.of(ConversationRecord.TABLE_SCHEMA.mapToItem(
                    lowLevel.updateItem(lock.request(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Releases the lock if this owner still holds it; a lock taken over since is left alone. */
    public void unlock(String pk, String owner) {
        RowUpdate release = new RowUpdate(conversationsTable, RowKeys.of(pk),
                Map.of("lock_expires_at", number(0)), heldBy(owner));
        try {
            lowLevel.updateItem(release.request(ReturnValue.NONE));
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
            Expression stillOurs = Expression.builder()
                    .expression("#next_seq = :expected_next_seq AND #lock_owner = :owner")
                    .putExpressionName("#next_seq", "next_seq")
                    .putExpressionName("#lock_owner", "lock_owner")
                    .putExpressionValue(":expected_next_seq", number(nextSeq))
                    .putExpressionValue(":owner", AttributeValue.fromS(owner))
                    .build();
            RowUpdate advance = advance(locked.getPk(), nextSeq + chunks.get(i).size(), last, stillOurs);
            if (!transact(advance, chunks.get(i), last ? response : null)) {
                return false;
            }
            nextSeq += chunks.get(i).size();
        }
        return true;
    }

    /** Moves the conversation's sequence to {@code nextSeq}, releasing the lock too when asked. */
    private RowUpdate advance(String pk, long nextSeq, boolean releaseLock, Expression condition) {
        Map<String, AttributeValue> set = releaseLock
                ? Map.of("next_seq", number(nextSeq), "lock_expires_at", number(0))
                : Map.of("next_seq", number(nextSeq));
        return new RowUpdate(conversationsTable, RowKeys.of(pk), set, condition);
    }

    private boolean transact(RowUpdate conversation, List<ItemRecord> rows, ResponseRecord response) {
        List<TransactWriteItem> actions = new ArrayList<>(rows.size() + 2);
        actions.add(TransactWriteItem.builder().update(conversation.transactionItem()).build());
        rows.forEach(item -> actions.add(put(itemsTable, ItemRecord.TABLE_SCHEMA.itemToMap(item, true))));
        if (response != null) actions.add(put(responsesTable, ResponseRecord.TABLE_SCHEMA.itemToMap(response, true)));
        try {
            lowLevel.transactWriteItems(r -> r.transactItems(actions));
            return true;
        } catch (TransactionCanceledException e) {
            if (lostRace(e)) return false;
            throw e;
        }
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> row) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(row)).build();
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
        change.setMetadata(metadata);
        // The map is written as one attribute, replacing the old map rather than merging into it.
        RowUpdate replace = new RowUpdate(conversationsTable, RowKeys.of(pk),
                ConversationRecord.TABLE_SCHEMA.itemToMap(change, true), ROW_PRESENT);
        try {
            return Optional.of(ConversationRecord.TABLE_SCHEMA.mapToItem(
                    lowLevel.updateItem(replace.request(ReturnValue.ALL_NEW)).attributes()));
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
