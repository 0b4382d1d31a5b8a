package org.openconversations.store;

import java.util.Map;
import java.util.Optional;
import org.openconversations.config.Settings;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** ResponsesTable: stored responses, readable until they expire. Keyed calls use the low-level client: {@link RowKeys}. */
public final class DynamoResponseRepository {
    private final DynamoDbClient client;
    private final String table;
    /** Only {@link #put} needs the Enhanced Client: reading and deleting routes never load it. */
    private final Lazy<DynamoDbTable<ResponseRecord>> responses;

    public DynamoResponseRepository(DynamoDbClient client, String responsesTable) {
        this.client = client;
        this.table = responsesTable;
        this.responses = Lazy.of(() -> DynamoDb.enhanced(client).table(responsesTable, ResponseRecord.TABLE_SCHEMA));
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
        responses.get().putItem(record);
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
