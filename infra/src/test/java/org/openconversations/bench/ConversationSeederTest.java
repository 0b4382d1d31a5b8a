package org.openconversations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconversations.domain.Ids;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.store.TestStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

class ConversationSeederTest {
    private static final String TENANT = "tenant-seeder";
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
    void every_position_is_written_once_across_batches_written_side_by_side() {
        String pk = conversation();
        // Not a multiple of a batch, so the last, partial batch is written too.
        int size = BatchWrites.BATCH * 4 + 7;

        String middle = seeder().grow(pk, 0, size);

        List<Map<String, AttributeValue>> rows = items(pk);
        assertEquals(size, rows.size());
        for (int seq = 0; seq < size; seq++) assertEquals(Integer.toString(seq), rows.get(seq).get("seq").n());
        assertEquals(middle, rows.get(size / 2).get("item_id").s());
        assertEquals(Integer.toString(size), dynamoDb.getItem(r -> r.tableName(TestStore.CONVERSATIONS_TABLE)
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk)))).item().get("next_seq").n());
    }

    @Test
    void growing_keeps_the_rows_below_the_existing_count() {
        String pk = conversation();
        seeder().grow(pk, 0, 3);
        String first = items(pk).get(0).get("item_id").s();

        seeder().grow(pk, 3, 30);

        List<Map<String, AttributeValue>> rows = items(pk);
        assertEquals(30, rows.size());
        assertEquals(first, rows.get(0).get("item_id").s());
    }

    @Test
    void trimming_keeps_the_first_rows_and_resets_next_seq() {
        String pk = conversation();
        seeder().grow(pk, 0, BatchWrites.BATCH + 5);
        List<String> kept = items(pk).subList(0, 10).stream().map(row -> row.get("item_id").s()).toList();

        seeder().trim(pk, 10);

        assertEquals(kept, items(pk).stream().map(row -> row.get("item_id").s()).toList());
        assertEquals("10", dynamoDb.getItem(r -> r.tableName(TestStore.CONVERSATIONS_TABLE)
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk)))).item().get("next_seq").n());
    }

    private static ConversationSeeder seeder() {
        return new ConversationSeeder(dynamoDb, TestStore.CONVERSATIONS_TABLE, TestStore.ITEMS_TABLE);
    }

    private static String conversation() {
        String pk = TENANT + "#" + Ids.newConversationId();
        dynamoDb.putItem(r -> r.tableName(TestStore.CONVERSATIONS_TABLE).item(Map.of(
                "pk", AttributeValue.fromS(pk), "next_seq", AttributeValue.fromN("0"))));
        return pk;
    }

    private static List<Map<String, AttributeValue>> items(String pk) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(r -> r.tableName(TestStore.ITEMS_TABLE).consistentRead(true)
                    .keyConditionExpression("pk = :pk").exclusiveStartKey(from)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))));
            rows.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return rows;
    }
}
