package org.openconversations.store;

import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** A row of ConversationsTable. Numbers are boxed so that partial updates can leave them out. */
public final class ConversationRecord {
    /** Built once, without reflection: bean introspection costs tens of milliseconds of cold start. */
    public static final TableSchema<ConversationRecord> TABLE_SCHEMA = RowSchema
            .builder(ConversationRecord.class, ConversationRecord::new)
            .string("pk", ConversationRecord::getPk, ConversationRecord::setPk)
            .string("id", ConversationRecord::getId, ConversationRecord::setId)
            .number("created_at", ConversationRecord::getCreatedAt, ConversationRecord::setCreatedAt)
            .stringMap("metadata", ConversationRecord::getMetadata, ConversationRecord::setMetadata)
            .number("next_seq", ConversationRecord::getNextSeq, ConversationRecord::setNextSeq)
            .string("lock_owner", ConversationRecord::getLockOwner, ConversationRecord::setLockOwner)
            .number("lock_expires_at", ConversationRecord::getLockExpiresAt, ConversationRecord::setLockExpiresAt)
            .partitionKey("pk")
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
