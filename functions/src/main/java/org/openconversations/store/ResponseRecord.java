package org.openconversations.store;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A row of ResponsesTable: a stored response, the input items of its turn (for input_items and for chaining
 * with previous_response_id), where its turn begins in its conversation, and its expiry, which DynamoDB's TTL
 * acts on. Both texts are stored gzipped:
 * one row holds at most 400 KB, and a long answer plus its input would often not fit as plain text.
 */
public final class ResponseRecord {
    public static final TableSchema<ResponseRecord> TABLE_SCHEMA = RowSchema
            .builder(ResponseRecord.class, ResponseRecord::new)
            .string("pk", ResponseRecord::getPk, ResponseRecord::setPk)
            .bytes("body", ResponseRecord::getCompressedBody, ResponseRecord::setCompressedBody)
            .bytes("input_items", ResponseRecord::getCompressedInputItems, ResponseRecord::setCompressedInputItems)
            .string("previous_response_id", ResponseRecord::getPreviousResponseId, ResponseRecord::setPreviousResponseId)
            .number("expires_at", ResponseRecord::getExpiresAt, ResponseRecord::setExpiresAt)
            .number("conversation_seq", ResponseRecord::getConversationSeq, ResponseRecord::setConversationSeq)
            .partitionKey("pk")
            .build();

    private String pk;
    private SdkBytes body;
    private SdkBytes inputItems;
    private String previousResponseId;
    private Long expiresAt;
    private Long conversationSeq;

    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    /** The response object's JSON, as served. */
    public String getBody() {
        return CompressedText.from(body);
    }

    public void setBody(String body) {
        this.body = CompressedText.of(body);
    }

    /** A JSON array of the turn's input items in their stored form. */
    public String getInputItems() {
        return CompressedText.from(inputItems);
    }

    public void setInputItems(String inputItems) {
        this.inputItems = CompressedText.of(inputItems);
    }

    public SdkBytes getCompressedBody() {
        return body;
    }

    public void setCompressedBody(SdkBytes body) {
        this.body = body;
    }

    public SdkBytes getCompressedInputItems() {
        return inputItems;
    }

    public void setCompressedInputItems(SdkBytes inputItems) {
        this.inputItems = inputItems;
    }

    /** What a text weighs once stored compressed, as {@link #setBody} and {@link #setInputItems} store it. */
    public static int compressedBytes(String text) {
        return CompressedText.of(text).asByteArrayUnsafe().length;
    }

    /** About what the row weighs against DynamoDB's 400 KB item limit (attribute names and keys included). */
    public int storedBytes() {
        return 256 + pk.length() + (body == null ? 0 : body.asByteArrayUnsafe().length)
                + (inputItems == null ? 0 : inputItems.asByteArrayUnsafe().length)
                + (previousResponseId == null ? 0 : previousResponseId.length());
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

    /**
     * For a response made in a conversation, the position its turn took (or would have taken, had it failed):
     * the conversation's items before it are the history it answered, and so the start of any
     * previous_response_id chain through it. Null for a response made outside a conversation.
     */
    public Long getConversationSeq() {
        return conversationSeq;
    }

    public void setConversationSeq(Long conversationSeq) {
        this.conversationSeq = conversationSeq;
    }
}
