package org.openconversations.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.Lazy;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** KeysTable: API keys by HMAC, and by shown prefix for the key CLI. */
public final class DynamoKeyRepository {
    private final DynamoDbClient client;
    private final String table;
    /** For the key CLI's calls: the authorizer, which only finds keys, never loads the Enhanced Client. */
    private final Lazy<DynamoDbTable<KeyRecord>> keys;

    public DynamoKeyRepository(DynamoDbClient client, String keysTable) {
        this.client = client;
        this.table = keysTable;
        this.keys = Lazy.of(() -> DynamoDb.enhanced(client).table(keysTable, KeyRecord.TABLE_SCHEMA));
    }

    /**
     * The authorizer's only call, so made with the low-level client: an Enhanced Client {@code Key} would load
     * its ~100 default converters into every authorizer cold start (see {@code RowKeys}).
     */
    public Optional<KeyRecord> findByHash(String keyHash) {
        Map<String, AttributeValue> row = client.getItem(r -> r.tableName(table)
                .key(Map.of("key_hash", AttributeValue.fromS(keyHash)))).item();
        return Optional.ofNullable(KeyRecord.TABLE_SCHEMA.mapToItem(row));
    }

    public void create(KeyRecord key) {
        keys.get().putItem(PutItemEnhancedRequest.builder(KeyRecord.class).item(key)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(key_hash)").build())
                .build());
    }

    /** Every key, ordered by prefix: one Query of the prefix index. */
    public List<KeyRecord> list() {
        return keys.get().index(KeyRecord.PREFIX_INDEX)
                .query(QueryConditional.keyEqualTo(Key.builder().partitionValue(KeyRecord.KIND).build()))
                .stream().flatMap(page -> page.items().stream()).toList();
    }

    /** Keys whose shown prefix starts with this text. */
    public List<KeyRecord> withPrefix(String prefix) {
        return keys.get().index(KeyRecord.PREFIX_INDEX)
                .query(QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(KeyRecord.KIND).sortValue(prefix).build()))
                .stream().flatMap(page -> page.items().stream()).toList();
    }

    public void revoke(String keyHash, long nowSeconds) {
        KeyRecord revoked = new KeyRecord();
        revoked.setKeyHash(keyHash);
        revoked.setRevokedAt(nowSeconds);
        keys.get().updateItem(UpdateItemEnhancedRequest.builder(KeyRecord.class).item(revoked)
                .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                .conditionExpression(Expression.builder().expression("attribute_exists(key_hash)").build())
                .build());
    }
}
