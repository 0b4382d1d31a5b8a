package org.openconversations.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Rows put straight into a table, 25 to a BatchWriteItem (its limit), until none is left unprocessed. */
final class BatchPuts {
    static final int BATCH = 25;

    private BatchPuts() {}

    static void put(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<WriteRequest> batch = new ArrayList<>(BATCH);
            for (var row : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(row).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
