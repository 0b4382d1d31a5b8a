package org.openconversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class RowUpdateTest {
    private static final Expression CONDITION = Expression.builder()
            .expression("#next_seq = :expected")
            .putExpressionName("#next_seq", "next_seq")
            .putExpressionValue(":expected", AttributeValue.fromN("4"))
            .build();

    private static RowUpdate update() {
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("next_seq", AttributeValue.fromN("7"));
        set.put("metadata", AttributeValue.fromM(Map.of("topic", AttributeValue.fromS("demo"))));
        return new RowUpdate("ConversationsTable", RowKeys.of("t#conv_1"), set, CONDITION);
    }

    @Test
    void sets_each_attribute_through_its_own_placeholders_beside_the_condition_ones() {
        UpdateItemRequest request = update().request(ReturnValue.ALL_NEW);

        assertEquals("SET #set0 = :set0, #set1 = :set1", request.updateExpression());
        assertEquals("#next_seq = :expected", request.conditionExpression());
        assertEquals(Map.of("#set0", "next_seq", "#set1", "metadata", "#next_seq", "next_seq"),
                request.expressionAttributeNames());
        assertEquals(Map.of(":set0", AttributeValue.fromN("7"),
                        ":set1", AttributeValue.fromM(Map.of("topic", AttributeValue.fromS("demo"))),
                        ":expected", AttributeValue.fromN("4")),
                request.expressionAttributeValues());
        assertEquals(Map.of("pk", AttributeValue.fromS("t#conv_1")), request.key());
        assertEquals(ReturnValue.ALL_NEW, request.returnValues());
    }

    @Test
    void in_a_transaction_it_is_the_same_update() {
        UpdateItemRequest alone = update().request(ReturnValue.NONE);
        Update action = update().transactionItem();

        assertEquals(alone.tableName(), action.tableName());
        assertEquals(alone.key(), action.key());
        assertEquals(alone.updateExpression(), action.updateExpression());
        assertEquals(alone.conditionExpression(), action.conditionExpression());
        assertEquals(alone.expressionAttributeNames(), action.expressionAttributeNames());
        assertEquals(alone.expressionAttributeValues(), action.expressionAttributeValues());
    }
}
