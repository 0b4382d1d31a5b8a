package org.openconversations.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Rows put into or deleted from a table, 25 to a BatchWriteItem (its limit), until none is left unprocessed. */
final class BatchWrites {
    static final int BATCH = 25;

    private BatchWrites() {}

    static void put(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> rows) {
        write(dynamoDb, table, rows, row -> WriteRequest.builder().putRequest(p -> p.item(row)).build());
    }

    /** Deletes the rows whose keys are given, the same way. */
    static void delete(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> keys) {
        write(dynamoDb, table, keys, key -> WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
    }

    private static void write(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> rows,
            Function<Map<String, AttributeValue>, WriteRequest> toRequest) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<WriteRequest> batch = new ArrayList<>(BATCH);
            for (var row : rows.subList(from, Math.min(rows.size(), from + BATCH))) batch.add(toRequest.apply(row));
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
