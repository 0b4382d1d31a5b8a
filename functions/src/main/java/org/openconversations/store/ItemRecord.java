package org.openconversations.store;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A row of ItemsTable: the item's JSON under its conversation's key, at its position {@code seq}.
 * The item is kept as one JSON string, not mapped field by field: the item union is open-ended and
 * must round-trip fields we do not know.
 */
public final class ItemRecord {
    /** Local secondary index on item_id: same partition, so id lookups can be strongly consistent. */
    public static final String ITEM_ID_INDEX = "item_id-index";

    public static final TableSchema<ItemRecord> TABLE_SCHEMA = RowSchema
            .builder(ItemRecord.class, ItemRecord::new)
            .string("pk", ItemRecord::getPk, ItemRecord::setPk)
            .number("seq", ItemRecord::getSeq, ItemRecord::setSeq)
            .string("item_id", ItemRecord::getItemId, ItemRecord::setItemId)
            .string("body", ItemRecord::getBody, ItemRecord::setBody)
            .partitionKey("pk")
            .sortKey("seq")
            .indexSortKey(ITEM_ID_INDEX, "item_id")
            .build();

    private String pk;
    private Long seq;
    private String itemId;
    private String body;

    public ItemRecord() {}

    public ItemRecord(String pk, long seq, String itemId, String body) {
        this.pk = pk;
        this.seq = seq;
        this.itemId = itemId;
        this.body = body;
    }

    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    public Long getSeq() {
        return seq;
    }

    public void setSeq(Long seq) {
        this.seq = seq;
    }

    public String getItemId() {
        return itemId;
    }

    public void setItemId(String itemId) {
        this.itemId = itemId;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
