package org.openconversations.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.store.TestStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Deleting a conversation over HTTP purges its item rows through the table stream, as deployed. */
class ConversationPurgeTest {
    private static final Duration PURGE_DEADLINE = Duration.ofSeconds(30);

    @Test
    void deleted_conversation_item_rows_are_purged_from_the_table() throws InterruptedException {
        String id = Http.post("/conversations", "{}").body().get("id").textValue();
        for (int batch = 0; batch < 3; batch++) {
            StringBuilder items = new StringBuilder("{\"items\":[");
            for (int i = 0; i < 20; i++) items.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"x\"}");
            assertEquals(200, Http.post("/conversations/" + id + "/items", items.append("]}").toString()).status());
        }
        assertEquals(60, itemRows(id));

        assertEquals(200, Http.delete("/conversations/" + id).status());

        Instant deadline = Instant.now().plus(PURGE_DEADLINE);
        while (itemRows(id) > 0 && Instant.now().isBefore(deadline)) Thread.sleep(200);
        assertEquals(0, itemRows(id), "items still stored " + PURGE_DEADLINE + " after the delete");
    }

    private static int itemRows(String conversationId) {
        try (DynamoDbClient client = DynamoDbClients.dynamoDb(TestStore.endpoint())) {
            return client.query(QueryRequest.builder()
                            .tableName(TestStore.ITEMS_TABLE)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("default#" + conversationId)))
                            .select(Select.COUNT)
                            .consistentRead(true)
                            .build())
                    .count();
        }
    }
}
