package org.openconversations.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A row of ResponsesTable: a stored response, the input items of its turn (for input_items and for chaining
 * with previous_response_id), and its expiry, which DynamoDB's TTL acts on.
 */
public final class ResponseRecord {
    public static final TableSchema<ResponseRecord> TABLE_SCHEMA = StaticTableSchema
            .builder(ResponseRecord.class)
            .newItemSupplier(ResponseRecord::new)
            .addAttribute(String.class, a -> a.name("pk")
                    .getter(ResponseRecord::getPk).setter(ResponseRecord::setPk)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("body")
                    .getter(ResponseRecord::getBody).setter(ResponseRecord::setBody))
            .addAttribute(String.class, a -> a.name("input_items")
                    .getter(ResponseRecord::getInputItems).setter(ResponseRecord::setInputItems))
            .addAttribute(String.class, a -> a.name("previous_response_id")
                    .getter(ResponseRecord::getPreviousResponseId).setter(ResponseRecord::setPreviousResponseId))
            .addAttribute(Long.class, a -> a.name("expires_at")
                    .getter(ResponseRecord::getExpiresAt).setter(ResponseRecord::setExpiresAt))
            .build();

    private String pk;
    private String body;
    private String inputItems;
    private String previousResponseId;
    private Long expiresAt;

    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    /** The response object's JSON, as served. */
    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    /** A JSON array of the turn's input items in their stored form. */
    public String getInputItems() {
        return inputItems;
    }

    public void setInputItems(String inputItems) {
        this.inputItems = inputItems;
    }

    public String getPreviousResponseId() {
        return previousResponseId;
    }

    public void setPreviousResponseId(String previousResponseId) {
        this.previousResponseId = previousResponseId;
    }

    /** Unix seconds; DynamoDB deletes the row some time after, so reads check it too. */
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
