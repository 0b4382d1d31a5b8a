package org.openconversations.auth;

import org.openconversations.store.RowSchema;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A row of KeysTable: the key's HMAC (the primary key), its tenant, and the first characters of the key for
 * listing and revoking. {@code kind} is the same on every row: it partitions the prefix index, so listing keys
 * is one Query, not a Scan.
 */
public final class KeyRecord {
    public static final String PREFIX_INDEX = "prefix-index";
    public static final String KIND = "api_key";

    public static final TableSchema<KeyRecord> TABLE_SCHEMA = RowSchema
            .builder(KeyRecord.class, KeyRecord::new)
            .string("key_hash", KeyRecord::getKeyHash, KeyRecord::setKeyHash)
            .string("kind", KeyRecord::getKind, KeyRecord::setKind)
            .string("prefix", KeyRecord::getPrefix, KeyRecord::setPrefix)
            .string("tenant", KeyRecord::getTenant, KeyRecord::setTenant)
            .number("created_at", KeyRecord::getCreatedAt, KeyRecord::setCreatedAt)
            .number("revoked_at", KeyRecord::getRevokedAt, KeyRecord::setRevokedAt)
            .partitionKey("key_hash")
            .indexPartitionKey(PREFIX_INDEX, "kind")
            .indexSortKey(PREFIX_INDEX, "prefix")
            .build();

    private String keyHash;
    private String kind;
    private String prefix;
    private String tenant;
    private Long createdAt;
    private Long revokedAt;

    public String getKeyHash() {
        return keyHash;
    }

    public void setKeyHash(String keyHash) {
        this.keyHash = keyHash;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    public Long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Long createdAt) {
        this.createdAt = createdAt;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Long revokedAt) {
        this.revokedAt = revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
