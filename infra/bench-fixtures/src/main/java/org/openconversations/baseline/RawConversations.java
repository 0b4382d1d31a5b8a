package org.openconversations.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The conversation and item routes over the raw client. */
final class RawConversations {
    private static final String CONVERSATIONS = System.getenv("CONVERSATIONS_TABLE");
    private static final String ITEMS = System.getenv("ITEMS_TABLE");
    private static final String ITEM_ID_INDEX = "item_id-index";

    private final DynamoDbClient dynamoDb;

    RawConversations(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    RawReply create(String tenant, String body) {
        Map<String, JsonNode> request = RawJson.object(body);
        String id = RawJson.newId("conv_");
        long now = System.currentTimeMillis() / 1000;
        Map<String, AttributeValue> metadata = RawJson.stringMap(request.get("metadata"));
        List<JsonNode> items = request.containsKey("items") && request.get("items").isArray()
                ? request.get("items").asArray() : List.of();
        Map<String, AttributeValue> row = Map.of("pk", s(tenant + "#" + id), "id", s(id), "created_at", n(now),
                "metadata", AttributeValue.fromM(metadata), "next_seq", n(items.size()));
        if (items.isEmpty()) {
            dynamoDb.putItem(r -> r.tableName(CONVERSATIONS).item(row).conditionExpression("attribute_not_exists(pk)"));
        } else {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(CONVERSATIONS).item(row)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            for (int seq = 0; seq < items.size(); seq++) {
                writes.add(itemPut(tenant + "#" + id, seq, items.get(seq)));
            }
            dynamoDb.transactWriteItems(r -> r.transactItems(writes));
        }
        return RawReply.ok(conversationJson(id, now, metadata));
    }

    RawReply get(String tenant, String id) {
        Map<String, AttributeValue> row = conversation(tenant, id);
        return row == null ? notFound(id) : RawReply.ok(conversationJson(row));
    }

    RawReply update(String tenant, String id, String body) {
        Map<String, AttributeValue> metadata = RawJson.stringMap(RawJson.object(body).get("metadata"));
        try {
            var updated = dynamoDb.updateItem(r -> r.tableName(CONVERSATIONS).key(key(tenant, id))
                    .updateExpression("SET #metadata = :metadata").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#metadata", "metadata"))
                    .expressionAttributeValues(Map.of(":metadata", AttributeValue.fromM(metadata)))
                    .returnValues(ReturnValue.ALL_NEW));
            return RawReply.ok(conversationJson(updated.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return notFound(id);
        }
    }

    RawReply delete(String tenant, String id) {
        var old = dynamoDb.deleteItem(r -> r.tableName(CONVERSATIONS).key(key(tenant, id))
                .returnValues(ReturnValue.ALL_OLD));
        if (!old.hasAttributes() || old.attributes().isEmpty()) return notFound(id);
        return RawReply.ok("{\"id\":" + RawReply.quote(id) + ",\"object\":\"conversation.deleted\",\"deleted\":true}");
    }

    RawReply addItems(String tenant, String id, String body) {
        Map<String, AttributeValue> row = conversation(tenant, id);
        if (row == null) return notFound(id);
        long nextSeq = Long.parseLong(row.get("next_seq").n());
        List<JsonNode> items = RawJson.object(body).get("items").asArray();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(CONVERSATIONS).key(key(tenant, id))
                .updateExpression("SET #next_seq = :next_seq")
                .conditionExpression("#next_seq = :expected AND (attribute_not_exists(#lock_owner) OR #lock_expires_at <= :now)")
                .expressionAttributeNames(Map.of("#next_seq", "next_seq", "#lock_owner", "lock_owner",
                        "#lock_expires_at", "lock_expires_at"))
                .expressionAttributeValues(Map.of(":next_seq", n(nextSeq + items.size()), ":expected", n(nextSeq),
                        ":now", n(System.currentTimeMillis() / 1000)))
                .build()).build());
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            TransactWriteItem put = itemPut(tenant + "#" + id, nextSeq + i, items.get(i));
            writes.add(put);
            if (i > 0) data.append(',');
            data.append(put.put().item().get("body").s());
        }
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            return RawReply.error(400, "Conversation changed meanwhile; retry.");
        }
        return RawReply.ok(listJson(data.toString(), items.isEmpty() ? "" : firstId(writes), lastId(writes), false));
    }

    RawReply listItems(String tenant, String id, Map<String, String> query) {
        if (conversation(tenant, id) == null) return notFound(id);
        int limit = query != null && query.get("limit") != null ? Integer.parseInt(query.get("limit")) : 20;
        boolean ascending = query != null && "asc".equals(query.get("order"));
        QueryResponse page = dynamoDb.query(r -> r.tableName(ITEMS).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(tenant + "#" + id))).scanIndexForward(ascending)
                .limit(limit + 1).consistentRead(true));
        List<Map<String, AttributeValue>> rows = page.items();
        StringBuilder data = new StringBuilder();
        int shown = Math.min(limit, rows.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) data.append(',');
            data.append(rows.get(i).get("body").s());
        }
        String first = shown == 0 ? "" : rows.get(0).get("item_id").s();
        String last = shown == 0 ? "" : rows.get(shown - 1).get("item_id").s();
        return RawReply.ok(listJson(data.toString(), first, last, rows.size() > limit));
    }

    RawReply getItem(String tenant, String id, String itemId) {
        if (conversation(tenant, id) == null) return notFound(id);
        List<Map<String, AttributeValue>> found = byItemId(tenant, id, itemId, "pk, seq, item_id, body");
        return found.isEmpty() ? itemNotFound(itemId) : RawReply.ok(found.get(0).get("body").s());
    }

    RawReply deleteItem(String tenant, String id, String itemId) {
        Map<String, AttributeValue> row = conversation(tenant, id);
        if (row == null) return notFound(id);
        List<Map<String, AttributeValue>> found = byItemId(tenant, id, itemId, "pk, seq, item_id");
        if (found.isEmpty()) return itemNotFound(itemId);
        dynamoDb.deleteItem(r -> r.tableName(ITEMS).key(Map.of("pk", s(tenant + "#" + id), "seq", found.get(0).get("seq"))));
        return RawReply.ok(conversationJson(row));
    }

    private List<Map<String, AttributeValue>> byItemId(String tenant, String id, String itemId, String projection) {
        return dynamoDb.query(r -> r.tableName(ITEMS).indexName(ITEM_ID_INDEX)
                .keyConditionExpression("pk = :pk AND item_id = :item_id")
                .expressionAttributeValues(Map.of(":pk", s(tenant + "#" + id), ":item_id", s(itemId)))
                .projectionExpression(projection).consistentRead(true)).items();
    }

    private Map<String, AttributeValue> conversation(String tenant, String id) {
        var got = dynamoDb.getItem(r -> r.tableName(CONVERSATIONS).key(key(tenant, id)).consistentRead(true));
        return got.hasItem() && !got.item().isEmpty() ? got.item() : null;
    }

    private static TransactWriteItem itemPut(String pk, long seq, JsonNode item) {
        String itemId = RawJson.newId("msg_");
        String body = "{\"id\":" + RawReply.quote(itemId) + ",\"status\":\"completed\"," + RawJson.write(item).substring(1);
        return TransactWriteItem.builder().put(Put.builder().tableName(ITEMS)
                .item(Map.of("pk", s(pk), "seq", n(seq), "item_id", s(itemId), "body", s(body))).build()).build();
    }

    private static String firstId(List<TransactWriteItem> writes) {
        return writes.get(1).put().item().get("item_id").s();
    }

    private static String lastId(List<TransactWriteItem> writes) {
        return writes.size() < 2 ? "" : writes.get(writes.size() - 1).put().item().get("item_id").s();
    }

    private static String listJson(String data, String first, String last, boolean hasMore) {
        return "{\"object\":\"list\",\"data\":[" + data + "],\"first_id\":" + RawReply.quote(first)
                + ",\"last_id\":" + RawReply.quote(last) + ",\"has_more\":" + hasMore + "}";
    }

    private static String conversationJson(Map<String, AttributeValue> row) {
        return conversationJson(row.get("id").s(), Long.parseLong(row.get("created_at").n()),
                row.containsKey("metadata") ? row.get("metadata").m() : Map.of());
    }

    private static String conversationJson(String id, long createdAt, Map<String, AttributeValue> metadata) {
        StringBuilder json = new StringBuilder("{\"id\":").append(RawReply.quote(id))
                .append(",\"object\":\"conversation\",\"created_at\":").append(createdAt).append(",\"metadata\":{");
        boolean first = true;
        for (var entry : metadata.entrySet()) {
            if (!first) json.append(',');
            first = false;
            json.append(RawReply.quote(entry.getKey())).append(':').append(RawReply.quote(entry.getValue().s()));
        }
        return json.append("}}").toString();
    }

    private static RawReply notFound(String id) {
        return RawReply.error(404, "Conversation with id '" + id + "' not found.");
    }

    private static RawReply itemNotFound(String id) {
        return RawReply.error(404, "Item with id '" + id + "' not found.");
    }

    private static Map<String, AttributeValue> key(String tenant, String id) {
        return Map.of("pk", s(tenant + "#" + id));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
