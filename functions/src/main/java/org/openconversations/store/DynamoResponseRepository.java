package org.openconversations.store;

import java.util.Map;
import java.util.Optional;
import org.openconversations.config.Settings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** ResponsesTable: stored responses, readable until they expire. Every call is low-level: {@link RowKeys}. */
public final class DynamoResponseRepository {
    private final DynamoDbClient client;
    private final String table;

    public DynamoResponseRepository(DynamoDbClient client, String responsesTable) {
        this.client = client;
        this.table = responsesTable;
    }

    public static DynamoResponseRepository fromEnvironment(DynamoDbClient client) {
        return new DynamoResponseRepository(client, Settings.require("RESPONSES_TABLE"));
    }

    public String tableName() {
        return table;
    }

    /** The row unless absent or expired: DynamoDB's TTL deletes lazily, up to days after expiry. */
    public Optional<ResponseRecord> find(String pk, long nowSeconds) {
        Map<String, AttributeValue> row = client.getItem(r -> r.tableName(table).key(RowKeys.of(pk)).consistentRead(true))
                .item();
        return live(ResponseRecord.TABLE_SCHEMA.mapToItem(row), nowSeconds);
    }

    public void put(ResponseRecord record) {
        client.putItem(r -> r.tableName(table).item(ResponseRecord.TABLE_SCHEMA.itemToMap(record, true)));
    }

    /** Deletes the row; false when there was none (or it had expired). */
    public boolean delete(String pk, long nowSeconds) {
        // The old row only to tell an expired response from a live one; DynamoDB bills the same either way.
        Map<String, AttributeValue> old = client.deleteItem(r -> r.tableName(table).key(RowKeys.of(pk))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return live(ResponseRecord.TABLE_SCHEMA.mapToItem(old), nowSeconds).isPresent();
    }

    private static Optional<ResponseRecord> live(ResponseRecord record, long nowSeconds) {
        if (record == null || (record.getExpiresAt() != null && record.getExpiresAt() <= nowSeconds)) {
            return Optional.empty();
        }
        return Optional.of(record);
    }
}
