package org.openconversations.auth;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;

/** KeysTable: API keys by HMAC, and by shown prefix for the key CLI. */
public final class DynamoKeyRepository {
    private final DynamoDbTable<KeyRecord> keys;

    public DynamoKeyRepository(DynamoDbEnhancedClient client, String keysTable) {
        this.keys = client.table(keysTable, KeyRecord.TABLE_SCHEMA);
    }

    public Optional<KeyRecord> findByHash(String keyHash) {
        return Optional.ofNullable(keys.getItem(Key.builder().partitionValue(keyHash).build()));
    }

    public void create(KeyRecord key) {
        keys.putItem(PutItemEnhancedRequest.builder(KeyRecord.class).item(key)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(key_hash)").build())
                .build());
    }

    /** Every key, ordered by prefix: one Query of the prefix index. */
    public List<KeyRecord> list() {
        return keys.index(KeyRecord.PREFIX_INDEX)
                .query(QueryConditional.keyEqualTo(Key.builder().partitionValue(KeyRecord.KIND).build()))
                .stream().flatMap(page -> page.items().stream()).toList();
    }

    /** Keys whose shown prefix starts with this text. */
    public List<KeyRecord> withPrefix(String prefix) {
        return keys.index(KeyRecord.PREFIX_INDEX)
                .query(QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(KeyRecord.KIND).sortValue(prefix).build()))
                .stream().flatMap(page -> page.items().stream()).toList();
    }

    public void revoke(String keyHash, long nowSeconds) {
        KeyRecord revoked = new KeyRecord();
        revoked.setKeyHash(keyHash);
        revoked.setRevokedAt(nowSeconds);
        keys.updateItem(UpdateItemEnhancedRequest.builder(KeyRecord.class).item(revoked)
                .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                .conditionExpression(Expression.builder().expression("attribute_exists(key_hash)").build())
                .build());
    }
}
