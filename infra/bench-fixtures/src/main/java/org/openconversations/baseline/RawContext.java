package org.openconversations.baseline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * What the three context routes share: the history as ours reads it (newest first, stopping at the latest
 * compaction item), the new input in the stored form ours writes, and compaction items turned back into their
 * summary for the model. Unlike ours, nothing is fitted to a window: the history is one page of the newest
 * items, which is all of it for any conversation the benchmark makes.
 */
final class RawContext {
    private static final String RESPONSES = System.getenv("RESPONSES_TABLE");
    private static final String ITEMS = System.getenv("ITEMS_TABLE");
    // Ours sizes its first page from the model's window, clamped to 1,000: the size every large-window model gets.
    private static final int PAGE = 1_000;

    /** A new input item: its id, its stored JSON, and the item as sent, which is what the model and counting read. */
    record Item(String id, String json, JsonNode node) {}

    private final DynamoDbClient dynamoDb;

    RawContext(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** The conversation's items before the new input, oldest first. */
    List<JsonNode> conversation(String pk) {
        List<Map<String, AttributeValue>> rows = dynamoDb.query(r -> r.tableName(ITEMS)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .scanIndexForward(false).limit(PAGE).consistentRead(true)).items();
        List<JsonNode> newestFirst = new ArrayList<>(rows.size());
        for (Map<String, AttributeValue> row : rows) {
            JsonNode item = RawJson.parse(row.get("body").s());
            newestFirst.add(item);
            if (RawJson.type(item).equals("compaction")) break;
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The previous_response_id chain's turns before the new input, oldest first. */
    List<JsonNode> chain(String tenant, String previous) {
        List<JsonNode> newestFirst = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        for (String next = previous; next != null; ) {
            String id = next;
            GetItemResponse got = dynamoDb.getItem(r -> r.tableName(RESPONSES)
                    .key(Map.of("pk", AttributeValue.fromS(tenant + "#" + id))).consistentRead(true));
            Map<String, AttributeValue> row = got.hasItem() ? got.item() : Map.of();
            if (row.isEmpty() || row.containsKey("expires_at") && Long.parseLong(row.get("expires_at").n()) <= now) {
                throw new RawReply.Failed(400, "Previous response with id '" + id + "' not found.");
            }
            List<JsonNode> input = RawJson.array(RawJson.parse(RawResponses.gunzip(row.get("input_items"))));
            List<JsonNode> output = RawJson.array(RawJson.field(RawJson.parse(RawResponses.gunzip(row.get("body"))), "output"));
            // A turn is its input, then its output; a compaction item made for the turn stands before both.
            boolean compacted = !output.isEmpty() && RawJson.type(output.get(0)).equals("compaction");
            List<JsonNode> turn = new ArrayList<>(input.size() + output.size());
            if (compacted) turn.add(output.get(0));
            turn.addAll(input);
            turn.addAll(output.subList(compacted ? 1 : 0, output.size()));
            for (int i = turn.size() - 1; i >= 0; i--) {
                newestFirst.add(turn.get(i));
                if (RawJson.type(turn.get(i)).equals("compaction")) return oldestFirst(newestFirst);
            }
            next = row.containsKey("previous_response_id") ? row.get("previous_response_id").s() : null;
        }
        return oldestFirst(newestFirst);
    }

    private static List<JsonNode> oldestFirst(List<JsonNode> newestFirst) {
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The body's conversation, given as its id or as {@code {"id": ...}}; null when there is none. */
    static String conversationId(JsonNode request) {
        JsonNode conversation = RawJson.field(request, "conversation");
        return conversation != null && conversation.isString() ? conversation.asString()
                : RawJson.string(conversation, "id");
    }

    /** The request's input: a string is one user message; a trailing compaction_trigger is not an item. */
    static List<Item> input(JsonNode input) {
        List<JsonNode> given = input != null && input.isString()
                ? List.of(RawJson.parse("{\"role\":\"user\",\"content\":" + RawReply.quote(input.asString()) + "}"))
                : RawJson.array(input);
        List<Item> items = new ArrayList<>(given.size());
        for (JsonNode item : given) {
            if (!RawJson.type(item).equals("compaction_trigger")) items.add(stored(item));
        }
        return items;
    }

    /** The item as ours stores it: type, id and status first, string content expanded into one part. */
    private static Item stored(JsonNode item) {
        String type = RawJson.type(item);
        String id = RawJson.string(item, "id");
        if (id == null) id = RawJson.newId(prefix(type));
        String status = RawJson.string(item, "status");
        if (status == null && (type.equals("message") || type.startsWith("function_call"))) status = "completed";
        StringBuilder json = new StringBuilder("{\"type\":").append(RawReply.quote(type))
                .append(",\"id\":").append(RawReply.quote(id));
        if (status != null) json.append(",\"status\":").append(RawReply.quote(status));
        for (var field : item.asObject().entrySet()) {
            String name = field.getKey();
            if (name.equals("type") || name.equals("id") || name.equals("status")) continue;
            json.append(',').append(RawReply.quote(name)).append(':');
            if (name.equals("content") && type.equals("message") && field.getValue().isString()) {
                boolean assistant = "assistant".equals(RawJson.string(item, "role"));
                json.append("[{\"type\":").append(assistant ? "\"output_text\"" : "\"input_text\"")
                        .append(",\"text\":").append(RawReply.quote(field.getValue().asString()))
                        .append(assistant ? ",\"annotations\":[],\"logprobs\":[]}]" : "}]");
            } else {
                json.append(RawJson.write(field.getValue()));
            }
        }
        return new Item(id, json.append('}').toString(), item);
    }

    /** Ours' id prefixes for the types a turn usually holds; any other type gets the generic one. */
    static String prefix(String type) {
        return switch (type) {
            case "message" -> "msg_";
            case "function_call" -> "fc_";
            case "function_call_output" -> "fco_";
            case "reasoning" -> "rs_";
            case "compaction" -> "cmp_";
            default -> "item_";
        };
    }

    /** The item as the model reads it: a compaction item becomes the developer message of its summary. */
    static JsonNode forModel(String tenant, JsonNode item) {
        if (!RawJson.type(item).equals("compaction")) return item;
        String summary = RawCompaction.open(tenant, RawJson.string(item, "encrypted_content"));
        if (summary == null) throw new RawReply.Failed(400, "Invalid 'encrypted_content': not a compaction item of this server.");
        return RawJson.parse("{\"type\":\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":"
                + RawReply.quote(RawCompaction.CONTEXT_PREFIX + summary) + "}]}");
    }

    /** The items as the model reads them. */
    static List<JsonNode> forModel(String tenant, List<JsonNode> history, List<Item> input) {
        List<JsonNode> context = new ArrayList<>(history.size() + input.size());
        for (JsonNode item : history) context.add(forModel(tenant, item));
        for (Item item : input) context.add(forModel(tenant, item.node()));
        return context;
    }
}
