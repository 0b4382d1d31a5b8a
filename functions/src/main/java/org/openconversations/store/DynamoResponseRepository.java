package org.openconversations.store;

import java.util.Optional;
import org.openconversations.config.Settings;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;

/** ResponsesTable: stored responses, readable until they expire. */
public final class DynamoResponseRepository {
    private final DynamoDbTable<ResponseRecord> responses;

    public DynamoResponseRepository(DynamoDbEnhancedClient client, String responsesTable) {
        this.responses = client.table(responsesTable, ResponseRecord.TABLE_SCHEMA);
    }

    public static DynamoResponseRepository fromEnvironment(DynamoDbEnhancedClient client) {
        return new DynamoResponseRepository(client, Settings.require("RESPONSES_TABLE"));
    }

    public String tableName() {
        return responses.tableName();
    }

    /** The row unless absent or expired: DynamoDB's TTL deletes lazily, up to days after expiry. */
    public Optional<ResponseRecord> find(String pk, long nowSeconds) {
        ResponseRecord record = responses.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(pk).build())
                .consistentRead(true)
                .build());
        if (record == null || (record.getExpiresAt() != null && record.getExpiresAt() <= nowSeconds)) {
            return Optional.empty();
        }
        return Optional.of(record);
    }

    public void put(ResponseRecord record) {
        responses.putItem(record);
    }

    /** Deletes the row; false when there was none (or it had expired). */
    public boolean delete(String pk, long nowSeconds) {
        ResponseRecord old = responses.deleteItem(Key.builder().partitionValue(pk).build());
        return old != null && (old.getExpiresAt() == null || old.getExpiresAt() > nowSeconds);
    }
}
