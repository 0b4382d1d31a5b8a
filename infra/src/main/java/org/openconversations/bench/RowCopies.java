package org.openconversations.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openconversations.domain.Ids;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fresh objects for the routes that consume theirs, made by copying a live object's row under new ids, a
 * BatchWriteItem of them at a time. Creating each through the handlers took longer than measuring its delete
 * (a response is a whole model turn), and made up a third of a run. A copy differs from its row only in
 * the id, wherever a string attribute holds it (the key, the id, the stored JSON), so it is the same size and
 * a delete of it costs what deleting the original would.
 */
final class RowCopies {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String partitionKey;
    // Rows of another table under the same key (a conversation's items), copied with their parent; or null.
    private final String childTable;
    private final Map<String, Deque<String>> ready = new HashMap<>();

    RowCopies(DynamoDbClient dynamoDb, String table, String partitionKey) {
        this(dynamoDb, table, partitionKey, null);
    }

    private RowCopies(DynamoDbClient dynamoDb, String table, String partitionKey, String childTable) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.partitionKey = partitionKey;
        this.childTable = childTable;
    }

    /**
     * Copies that take along the rows {@code childTable} holds under the same key: a conversation with its items,
     * for a response turn, which reads them as its context.
     */
    RowCopies withChildren(String childTable) {
        return new RowCopies(dynamoDb, table, partitionKey, childTable);
    }

    /**
     * @param keyPrefix what precedes the id in the row's key ({@code <tenant>#})
     * @return the id of a copy of the row of {@code sourceId}, never handed out before
     */
    String next(String keyPrefix, String sourceId) {
        Deque<String> ids = ready.computeIfAbsent(sourceId, id -> new ArrayDeque<>());
        if (ids.isEmpty()) ids.addAll(copy(keyPrefix, sourceId, BatchWrites.BATCH));
        return ids.removeFirst();
    }

    private List<String> copy(String keyPrefix, String sourceId, int count) {
        Map<String, AttributeValue> source = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(partitionKey, AttributeValue.fromS(keyPrefix + sourceId)))).item();
        if (source == null || source.isEmpty()) {
            throw new IllegalStateException("No row " + keyPrefix + sourceId + " in " + table + " to copy");
        }
        // Every page: a Query stops at 1 MB, and a copy missing some of its children would not be a copy.
        List<Map<String, AttributeValue>> children = childTable == null ? List.of()
                : dynamoDb.queryPaginator(r -> r.tableName(childTable).consistentRead(true)
                        .keyConditionExpression("#key = :key")
                        .expressionAttributeNames(Map.of("#key", partitionKey))
                        .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(keyPrefix + sourceId))))
                        .items().stream().toList();
        String prefix = sourceId.substring(0, sourceId.lastIndexOf('_'));
        List<String> ids = new ArrayList<>(count);
        List<Map<String, AttributeValue>> rows = new ArrayList<>(count);
        List<Map<String, AttributeValue>> childRows = new ArrayList<>(count * children.size());
        for (int i = 0; i < count; i++) {
            String id = Ids.newId(prefix);
            ids.add(id);
            rows.add(renamed(source, sourceId, id));
            for (Map<String, AttributeValue> child : children) childRows.add(renamed(child, sourceId, id));
        }
        // Children first: a parent handed out is whole.
        BatchWrites.put(dynamoDb, childTable, childRows);
        BatchWrites.put(dynamoDb, table, rows);
        return ids;
    }

    private static Map<String, AttributeValue> renamed(Map<String, AttributeValue> source, String oldId, String newId) {
        Map<String, AttributeValue> row = new HashMap<>(source);
        source.forEach((name, value) -> {
            if (value.s() != null) row.put(name, AttributeValue.fromS(value.s().replace(oldId, newId)));
        });
        return row;
    }
}
