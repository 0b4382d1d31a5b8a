package org.openconversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RowSchemaTest {

    @Test
    void every_attribute_type_round_trips_through_a_row() {
        ConversationRecord conversation = new ConversationRecord();
        conversation.setPk("tenant#conv_1");
        conversation.setCreatedAt(1_700_000_000L);
        conversation.setMetadata(Map.of("topic", "billing", "empty", ""));
        Map<String, AttributeValue> row = ConversationRecord.TABLE_SCHEMA.itemToMap(conversation, true);

        assertEquals(AttributeValue.fromS("tenant#conv_1"), row.get("pk"));
        assertEquals(AttributeValue.fromN("1700000000"), row.get("created_at"));
        assertEquals(AttributeValue.fromM(Map.of("topic", AttributeValue.fromS("billing"), "empty", AttributeValue.fromS(""))),
                row.get("metadata"));
        ConversationRecord back = ConversationRecord.TABLE_SCHEMA.mapToItem(row);
        assertEquals(1_700_000_000L, back.getCreatedAt());
        assertEquals(Map.of("topic", "billing", "empty", ""), back.getMetadata());

        ResponseRecord response = new ResponseRecord();
        response.setPk("tenant#resp_1");
        response.setCompressedBody(SdkBytes.fromString("body", StandardCharsets.UTF_8));
        Map<String, AttributeValue> responseRow = ResponseRecord.TABLE_SCHEMA.itemToMap(response, true);
        assertEquals(SdkBytes.fromString("body", StandardCharsets.UTF_8), responseRow.get("body").b());
        assertEquals("body", ResponseRecord.TABLE_SCHEMA.mapToItem(responseRow).getCompressedBody()
                .asUtf8String());
    }

    @Test
    void absent_attributes_are_left_out_or_written_as_null_as_the_client_asks() {
        ConversationRecord conversation = new ConversationRecord();
        conversation.setPk("tenant#conv_1");

        assertEquals(Map.of("pk", AttributeValue.fromS("tenant#conv_1")),
                ConversationRecord.TABLE_SCHEMA.itemToMap(conversation, true));
        Map<String, AttributeValue> withNulls = ConversationRecord.TABLE_SCHEMA.itemToMap(conversation, false);
        assertEquals(AttributeValue.fromNul(true), withNulls.get("lock_owner"));
        assertEquals(ConversationRecord.TABLE_SCHEMA.attributeNames().size(), withNulls.size());
    }

    @Test
    void a_row_with_none_of_the_attributes_maps_to_no_item() {
        assertNull(ItemRecord.TABLE_SCHEMA.mapToItem(Map.of()));
        assertNull(ItemRecord.TABLE_SCHEMA.mapToItem(Map.of("unknown", AttributeValue.fromS("x"))));
        assertNull(ItemRecord.TABLE_SCHEMA.mapToItem(null));
    }

    @Test
    void null_typed_values_and_unknown_attributes_are_ignored_when_reading() {
        ItemRecord item = ItemRecord.TABLE_SCHEMA.mapToItem(Map.of(
                "pk", AttributeValue.fromS("tenant#conv_1"),
                "item_id", AttributeValue.fromNul(true),
                "ttl", AttributeValue.fromN("5")));

        assertEquals("tenant#conv_1", item.getPk());
        assertNull(item.getItemId());
    }

    @Test
    void keys_and_index_keys_are_the_ones_the_template_declares() {
        TableMetadata items = ItemRecord.TABLE_SCHEMA.tableMetadata();
        assertEquals("pk", items.primaryPartitionKey());
        assertEquals("seq", items.primarySortKey().orElseThrow());
        assertEquals("item_id", items.indexSortKey(ItemRecord.ITEM_ID_INDEX).orElseThrow());

        TableMetadata keys = org.openconversations.auth.KeyRecord.TABLE_SCHEMA.tableMetadata();
        assertEquals("key_hash", keys.primaryPartitionKey());
        assertFalse(keys.primarySortKey().isPresent());
        assertEquals("kind", keys.indexPartitionKey(org.openconversations.auth.KeyRecord.PREFIX_INDEX));
        assertEquals("prefix", keys.indexSortKey(org.openconversations.auth.KeyRecord.PREFIX_INDEX).orElseThrow());
    }

    @Test
    void a_projection_reads_only_the_named_attributes() {
        ItemRecord item = new ItemRecord("tenant#conv_1", 7, "msg_1", "{}");

        assertEquals(Map.of("pk", AttributeValue.fromS("tenant#conv_1"), "seq", AttributeValue.fromN("7")),
                ItemRecord.TABLE_SCHEMA.itemToMap(item, List.of("pk", "seq")));
    }

    @Test
    void declaring_a_key_before_its_attribute_or_an_attribute_twice_is_a_programming_error() {
        assertThrows(IllegalArgumentException.class, () -> RowSchema.builder(ItemRecord.class, ItemRecord::new)
                .partitionKey("pk"));
        assertThrows(IllegalArgumentException.class, () -> RowSchema.builder(ItemRecord.class, ItemRecord::new)
                .string("pk", ItemRecord::getPk, ItemRecord::setPk)
                .string("pk", ItemRecord::getPk, ItemRecord::setPk));
        TableSchema<ItemRecord> schema = ItemRecord.TABLE_SCHEMA;
        assertThrows(IllegalArgumentException.class, () -> schema.attributeValue(new ItemRecord(), "nope"));
    }
}
