package org.openconversations.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openconversations.config.Settings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * ItemsTable: pages of a conversation's items in sequence order, and lookups by item id through the local
 * index. Every read is one Query bounded by what the caller returns; nothing here scans. Every call here
 * needs a key, so all go through the low-level client ({@link RowKeys} says why); rows map through
 * {@link ItemRecord#TABLE_SCHEMA}, and the item writes happen in the conversation's transactions.
 */
public final class DynamoItemRepository {
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int PURGE_PAGE = 100;
    private static final Map<String, String> KEY_NAMES = Map.of("#pk", "pk", "#seq", "seq");

    private final DynamoDbClient client;
    private final String table;

    public DynamoItemRepository(DynamoDbClient client, String itemsTable) {
        this.client = client;
        this.table = itemsTable;
    }

    public static DynamoItemRepository fromEnvironment(DynamoDbClient client) {
        return new DynamoItemRepository(client, Settings.require("ITEMS_TABLE"));
    }

    /** Up to {@code count} rows after {@code afterSeq} (exclusive; null = from the start) in one Query. */
    public ItemRows page(String pk, Long afterSeq, int count, boolean ascending) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .scanIndexForward(ascending)
                .limit(count)
                .consistentRead(true);
        if (afterSeq == null) {
            query.keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", "pk"))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)));
        } else {
            query.keyConditionExpression(ascending ? "#pk = :pk AND #seq > :seq" : "#pk = :pk AND #seq < :seq")
                    .expressionAttributeNames(KEY_NAMES)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                            ":seq", AttributeValue.fromN(Long.toString(afterSeq))));
        }
        QueryResponse page = client.query(query.build());
        return new ItemRows(rows(page), !page.lastEvaluatedKey().isEmpty());
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
     * A batch of one rather than DeleteItem, as the purge deletes: the same write units, and no old row to ask
     * back (up to 400 KB of body nobody reads).
     */
    public void delete(String pk, long seq) {
        deleteBatch(List.of(RowKeys.of(pk, seq)));
    }

    /** Deletes every item of a conversation, a page of keys at a time; safe to repeat. Returns the count. */
    public int purge(String pk) {
        int deleted = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = client.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(KEY_NAMES)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .projectionExpression("#pk, #seq")
                    .limit(PURGE_PAGE)
                    .exclusiveStartKey(start)
                    .build());
            List<Map<String, AttributeValue>> keys = page.items();
            for (int from = 0; from < keys.size(); from += BATCH_WRITE_LIMIT) {
                deleteBatch(keys.subList(from, Math.min(keys.size(), from + BATCH_WRITE_LIMIT)));
            }
            deleted += keys.size();
            start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        return deleted;
    }

    private void deleteBatch(List<Map<String, AttributeValue>> keys) {
        List<WriteRequest> pending = new ArrayList<>();
        for (Map<String, AttributeValue> key : keys) {
            pending.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
        }
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) Backoff.sleep(attempt);
            List<WriteRequest> batch = pending;
            pending = client.batchWriteItem(r -> r.requestItems(Map.of(table, batch)))
                    .unprocessedItems().getOrDefault(table, List.of());
        }
    }

    private Optional<ItemRecord> queryById(String pk, String itemId, String... attributes) {
        Map<String, String> names = new HashMap<>();
        StringBuilder projection = new StringBuilder();
        for (String attribute : attributes) {
            names.put("#" + attribute, attribute);
            projection.append(projection.isEmpty() ? "" : ", ").append('#').append(attribute);
        }
        QueryResponse page = client.query(QueryRequest.builder()
                .tableName(table)
                .indexName(ItemRecord.ITEM_ID_INDEX)
                .keyConditionExpression("#pk = :pk AND #item_id = :item_id")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":item_id", AttributeValue.fromS(itemId)))
                .projectionExpression(projection.toString())
                .consistentRead(true)
                .limit(1)
                .build());
        return rows(page).stream().findFirst();
    }

    private static List<ItemRecord> rows(QueryResponse page) {
        List<ItemRecord> rows = new ArrayList<>(page.items().size());
        for (Map<String, AttributeValue> row : page.items()) rows.add(ItemRecord.TABLE_SCHEMA.mapToItem(row));
        return rows;
    }
}
