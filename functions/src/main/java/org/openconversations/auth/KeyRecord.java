package org.openconversations.auth;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A row of KeysTable: the key's HMAC (the primary key), its tenant, and the first characters of the key for
 * listing and revoking. {@code kind} is the same on every row: it partitions the prefix index, so listing keys
 * is one Query, not a Scan.
 */
public final class KeyRecord {
    public static final String PREFIX_INDEX = "prefix-index";
    public static final String KIND = "api_key";

    public static final TableSchema<KeyRecord> TABLE_SCHEMA = StaticTableSchema.builder(KeyRecord.class)
            .newItemSupplier(KeyRecord::new)
            .addAttribute(String.class, a -> a.name("key_hash")
                    .getter(KeyRecord::getKeyHash).setter(KeyRecord::setKeyHash).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("kind")
                    .getter(KeyRecord::getKind).setter(KeyRecord::setKind).tags(secondaryPartitionKey(PREFIX_INDEX)))
            .addAttribute(String.class, a -> a.name("prefix")
                    .getter(KeyRecord::getPrefix).setter(KeyRecord::setPrefix).tags(secondarySortKey(PREFIX_INDEX)))
            .addAttribute(String.class, a -> a.name("tenant")
                    .getter(KeyRecord::getTenant).setter(KeyRecord::setTenant))
            .addAttribute(Long.class, a -> a.name("created_at")
                    .getter(KeyRecord::getCreatedAt).setter(KeyRecord::setCreatedAt))
            .addAttribute(Long.class, a -> a.name("revoked_at")
                    .getter(KeyRecord::getRevokedAt).setter(KeyRecord::setRevokedAt))
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
