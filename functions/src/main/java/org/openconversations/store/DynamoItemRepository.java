package org.openconversations.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openconversations.config.Settings;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/**
 * ItemsTable: pages of a conversation's items in sequence order, and lookups by item id through the local
 * index. Every read is one Query bounded by what the caller returns; nothing here scans.
 */
public final class DynamoItemRepository {
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int PURGE_PAGE = 100;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<ItemRecord> items;

    public DynamoItemRepository(DynamoDbEnhancedClient client, String itemsTable) {
        this.client = client;
        this.items = client.table(itemsTable, ItemRecord.TABLE_SCHEMA);
    }

    public static DynamoItemRepository fromEnvironment(DynamoDbEnhancedClient client) {
        return new DynamoItemRepository(client, Settings.require("ITEMS_TABLE"));
    }

    /** Up to {@code count} rows after {@code afterSeq} (exclusive; null = from the start) in one Query. */
    public ItemRows page(String pk, Long afterSeq, int count, boolean ascending) {
        QueryConditional condition;
        if (afterSeq == null) {
            condition = QueryConditional.keyEqualTo(Key.builder().partitionValue(pk).build());
        } else {
            Key cursor = Key.builder().partitionValue(pk).sortValue(afterSeq).build();
            condition = ascending ? QueryConditional.sortGreaterThan(cursor) : QueryConditional.sortLessThan(cursor);
        }
        Page<ItemRecord> page = items.query(QueryEnhancedRequest.builder()
                        .queryConditional(condition)
                        .scanIndexForward(ascending)
                        .limit(count)
                        .consistentRead(true)
                        .build())
                .iterator().next();
        return new ItemRows(page.items(), page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty());
    }

    /** The item with this id, its body fetched from the table through the keys-only local index. */
    public Optional<ItemRecord> find(String pk, String itemId) {
        return queryById(pk, itemId, "pk", "seq", "item_id", "body");
    }

    /** Just the position of an item: a keys-only read of the local index. */
    public Optional<Long> findSeq(String pk, String itemId) {
        return queryById(pk, itemId, "pk", "seq", "item_id").map(ItemRecord::getSeq);
    }

    /** Which of these ids the conversation already holds: one index read per id. */
    public Set<String> existingIds(String pk, Collection<String> itemIds) {
        Set<String> existing = new LinkedHashSet<>();
        for (String itemId : itemIds) {
            if (findSeq(pk, itemId).isPresent()) existing.add(itemId);
        }
        return existing;
    }

    /**
     * A batch of one rather than DeleteItem: the Enhanced Client's DeleteItem always asks for the old row back
     * (ALL_OLD), up to 400 KB of body nobody reads. Both cost the same write units.
     */
    public void delete(String pk, long seq) {
        deleteBatch(List.of(new ItemRecord(pk, seq, null, null)));
    }

    /** Deletes every item of a conversation, a page of keys at a time; safe to repeat. Returns the count. */
    public int purge(String pk) {
        int deleted = 0;
        QueryEnhancedRequest keysOnly = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(pk).build()))
                .attributesToProject("pk", "seq")
                .limit(PURGE_PAGE)
                .build();
        for (Page<ItemRecord> page : items.query(keysOnly)) {
            List<ItemRecord> rows = page.items();
            for (int from = 0; from < rows.size(); from += BATCH_WRITE_LIMIT) {
                deleteBatch(rows.subList(from, Math.min(rows.size(), from + BATCH_WRITE_LIMIT)));
            }
            deleted += rows.size();
        }
        return deleted;
    }

    private void deleteBatch(List<ItemRecord> rows) {
        List<Key> pending = new ArrayList<>();
        for (ItemRecord row : rows) {
            pending.add(Key.builder().partitionValue(row.getPk()).sortValue(row.getSeq()).build());
        }
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) Backoff.sleep(attempt);
            WriteBatch.Builder<ItemRecord> batch = WriteBatch.builder(ItemRecord.class).mappedTableResource(items);
            for (Key key : pending) batch.addDeleteItem(key);
            BatchWriteResult result = client.batchWriteItem(
                    BatchWriteItemEnhancedRequest.builder().addWriteBatch(batch.build()).build());
            pending = new ArrayList<>(result.unprocessedDeleteItemsForTable(items));
        }
    }

    private Optional<ItemRecord> queryById(String pk, String itemId, String... attributes) {
        Page<ItemRecord> page = items.index(ItemRecord.ITEM_ID_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(
                                Key.builder().partitionValue(pk).sortValue(itemId).build()))
                        .attributesToProject(attributes)
                        .consistentRead(true)
                        .limit(1)
                        .build())
                .iterator().next();
        return page.items().stream().findFirst();
    }
}
