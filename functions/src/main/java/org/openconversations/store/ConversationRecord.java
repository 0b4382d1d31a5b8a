package org.openconversations.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A row of ConversationsTable. Numbers are boxed so that partial updates can leave them out. */
public final class ConversationRecord {
    /** Built once, without reflection: bean introspection costs tens of milliseconds of cold start. */
    public static final TableSchema<ConversationRecord> TABLE_SCHEMA = StaticTableSchema
            .builder(ConversationRecord.class)
            .newItemSupplier(ConversationRecord::new)
            .addAttribute(String.class, a -> a.name("pk")
                    .getter(ConversationRecord::getPk).setter(ConversationRecord::setPk)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("id")
                    .getter(ConversationRecord::getId).setter(ConversationRecord::setId))
            .addAttribute(Long.class, a -> a.name("created_at")
                    .getter(ConversationRecord::getCreatedAt).setter(ConversationRecord::setCreatedAt))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("metadata")
                    .getter(ConversationRecord::getMetadata).setter(ConversationRecord::setMetadata))
            .addAttribute(Long.class, a -> a.name("next_seq")
                    .getter(ConversationRecord::getNextSeq).setter(ConversationRecord::setNextSeq))
            .addAttribute(String.class, a -> a.name("lock_owner")
                    .getter(ConversationRecord::getLockOwner).setter(ConversationRecord::setLockOwner))
            .addAttribute(Long.class, a -> a.name("lock_expires_at")
                    .getter(ConversationRecord::getLockExpiresAt).setter(ConversationRecord::setLockExpiresAt))
            .build();

    private String pk;
    private String id;
    private Long createdAt;
    private Map<String, String> metadata;
    private Long nextSeq;
    private String lockOwner;
    private Long lockExpiresAt;

    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Long createdAt) {
        this.createdAt = createdAt;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    public Long getNextSeq() {
        return nextSeq;
    }

    public void setNextSeq(Long nextSeq) {
        this.nextSeq = nextSeq;
    }

    /** The response generating a turn on this conversation, if any; see {@link #isLocked(long)}. */
    public String getLockOwner() {
        return lockOwner;
    }

    public void setLockOwner(String lockOwner) {
        this.lockOwner = lockOwner;
    }

    /** Unix seconds. A lock is released by setting this to 0, and one whose time passed is free. */
    public Long getLockExpiresAt() {
        return lockExpiresAt;
    }

    public void setLockExpiresAt(Long lockExpiresAt) {
        this.lockExpiresAt = lockExpiresAt;
    }

    public boolean isLocked(long nowSeconds) {
        return lockOwner != null && lockExpiresAt != null && lockExpiresAt > nowSeconds;
    }
}
