package org.openconversations.store;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A conditional update that sets some attributes of one row and leaves the others as they are: what the
 * Enhanced Client's {@code updateItem} wrote for a row with only those attributes set (and nulls ignored), as a
 * low-level request. Through the Enhanced Client, writes loaded its update and transaction machinery (about
 * 130 classes of each writing route's cold start) and rebuilt the expression from the schema on every call.
 *
 * @param set the attributes to write, by name; a map is written whole, as one attribute
 */
record RowUpdate(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> set, Expression condition) {

    UpdateItemRequest request(ReturnValue returnValues) {
        Parts parts = parts();
        return UpdateItemRequest.builder().tableName(table).key(key).updateExpression(parts.update())
                .conditionExpression(condition.expression()).expressionAttributeNames(parts.names())
                .expressionAttributeValues(parts.values()).returnValues(returnValues).build();
    }

    /** The same update as one action of a transaction. */
    Update transactionItem() {
        Parts parts = parts();
        return Update.builder().tableName(table).key(key).updateExpression(parts.update())
                .conditionExpression(condition.expression()).expressionAttributeNames(parts.names())
                .expressionAttributeValues(parts.values()).build();
    }

    private record Parts(String update, Map<String, String> names, Map<String, AttributeValue> values) {}

    /** The SET clause, its placeholders prefixed so that they never meet the condition's own. */
    private Parts parts() {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (condition.expressionNames() != null) names.putAll(condition.expressionNames());
        if (condition.expressionValues() != null) values.putAll(condition.expressionValues());
        StringBuilder update = new StringBuilder("SET ");
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : set.entrySet()) {
            if (i > 0) update.append(", ");
            names.put("#set" + i, attribute.getKey());
            values.put(":set" + i, attribute.getValue());
            update.append("#set").append(i).append(" = :set").append(i);
            i++;
        }
        return new Parts(update.toString(), names, values);
    }
}
