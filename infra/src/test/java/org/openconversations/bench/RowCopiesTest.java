package org.openconversations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.Ids;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.store.TestStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RowCopiesTest {
    private static final String TENANT = "tenant-row-copies";
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void connect() {
        dynamoDb = DynamoDbClients.dynamoDb(TestStore.endpoint());
    }

    @AfterAll
    static void disconnect() {
        dynamoDb.close();
    }

    @Test
    void a_copy_is_the_row_with_a_new_id_wherever_the_old_one_appeared() {
        String source = source();
        String copy = copies().next(TENANT + "#", source);

        assertNotEquals(source, copy);
        assertTrue(copy.matches("resp_[0-9a-f]{48}"), copy);
        Map<String, AttributeValue> row = row(copy);
        assertEquals(TENANT + "#" + copy, row.get("pk").s());
        assertEquals("{\"id\":\"" + copy + "\",\"object\":\"response\"}", row.get("body").s());
        assertEquals("1800000000", row.get("expires_at").n());
        assertEquals(row(source).get("body").s().length(), row.get("body").s().length());
    }

    @Test
    void every_copy_handed_out_is_a_different_row_and_the_source_stays() {
        String source = source();
        RowCopies copies = copies();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < BatchWrites.BATCH * 2 + 1; i++) ids.add(copies.next(TENANT + "#", source));

        assertEquals(BatchWrites.BATCH * 2 + 1, ids.size());
        ids.forEach(id -> assertEquals(TENANT + "#" + id, row(id).get("pk").s()));
        assertEquals(TENANT + "#" + source, row(source).get("pk").s());
    }

    @Test
    void a_copy_with_children_takes_the_rows_under_the_source_key_along() {
        String conversation = Ids.newConversationId();
        dynamoDb.putItem(r -> r.tableName(TestStore.CONVERSATIONS_TABLE).item(Map.of(
                "pk", AttributeValue.fromS(TENANT + "#" + conversation),
                "id", AttributeValue.fromS(conversation),
                "next_seq", AttributeValue.fromN("2"))));
        for (int seq = 0; seq < 2; seq++) {
            String item = "msg_" + seq;
            String position = Integer.toString(seq);
            dynamoDb.putItem(r -> r.tableName(TestStore.ITEMS_TABLE).item(Map.of(
                    "pk", AttributeValue.fromS(TENANT + "#" + conversation),
                    "seq", AttributeValue.fromN(position),
                    "item_id", AttributeValue.fromS(item),
                    "body", AttributeValue.fromS("{\"id\":\"" + item + "\"}"))));
        }

        String copy = new RowCopies(dynamoDb, TestStore.CONVERSATIONS_TABLE, "pk").withChildren(TestStore.ITEMS_TABLE)
                .next(TENANT + "#", conversation);

        var items = dynamoDb.query(r -> r.tableName(TestStore.ITEMS_TABLE).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TENANT + "#" + copy)))).items();
        assertEquals(2, items.size());
        assertEquals("msg_1", items.get(1).get("item_id").s());
        assertEquals("{\"id\":\"msg_1\"}", items.get(1).get("body").s());
        assertEquals(copy, dynamoDb.getItem(r -> r.tableName(TestStore.CONVERSATIONS_TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(TENANT + "#" + copy)))).item().get("id").s());
    }

    @Test
    void a_missing_source_row_is_an_error_not_an_empty_copy() {
        assertThrows(IllegalStateException.class, () -> copies().next(TENANT + "#", Ids.newId("resp")));
    }

    private static RowCopies copies() {
        return new RowCopies(dynamoDb, TestStore.RESPONSES_TABLE, "pk");
    }

    private static String source() {
        String id = Ids.newId("resp");
        dynamoDb.putItem(r -> r.tableName(TestStore.RESPONSES_TABLE).item(Map.of(
                "pk", AttributeValue.fromS(TENANT + "#" + id),
                "body", AttributeValue.fromS("{\"id\":\"" + id + "\",\"object\":\"response\"}"),
                "expires_at", AttributeValue.fromN("1800000000"))));
        return id;
    }

    private static Map<String, AttributeValue> row(String id) {
        return dynamoDb.getItem(r -> r.tableName(TestStore.RESPONSES_TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(TENANT + "#" + id)))).item();
    }
}
