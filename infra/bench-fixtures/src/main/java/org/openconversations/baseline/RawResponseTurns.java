package org.openconversations.baseline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@code POST /v1/responses}. In a conversation, the calls ours makes: lock the conversation (UpdateItem), read its
 * newest items (Query), call the upstream, then one transaction that appends the turn, stores the response and
 * releases the lock; a failed turn releases the lock on its own. Otherwise the previous_response_id chain is read
 * and the response stored with one PutItem. Rows are ours' layout: items as plain JSON strings, the response's
 * body and input gzipped. Not done here: server-side compaction, streaming, ours' checks on the body, ids and
 * sizes (except the one that costs a read: a client-chosen item id already in the conversation), and turns too
 * large for one transaction.
 */
final class RawResponseTurns {
    private static final String CONVERSATIONS = System.getenv("CONVERSATIONS_TABLE");
    private static final String ITEMS = System.getenv("ITEMS_TABLE");
    private static final String RESPONSES = System.getenv("RESPONSES_TABLE");
    private static final long RETENTION_SECONDS = 86_400L * Long.parseLong(
            System.getenv().getOrDefault("RESPONSE_RETENTION_DAYS", "30"));
    // Kept back from the deadline for storing the turn after the upstream answers, as ours keeps it.
    private static final long STORE_MARGIN_MILLIS = 3_000;
    /** The generation fields passed to the upstream and echoed in the response, as ours names them. */
    private static final List<String> SETTINGS = List.of(
            "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p", "top_logprobs",
            "max_output_tokens", "max_tool_calls", "text", "reasoning", "user", "safety_identifier",
            "prompt_cache_key", "prompt_cache_retention", "service_tier", "truncation");
    private static final Map<String, String> LOCK_NAMES = Map.of("#lock_owner", "lock_owner",
            "#lock_expires_at", "lock_expires_at");

    private final DynamoDbClient dynamoDb;
    private final RawContext context;

    RawResponseTurns(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.context = new RawContext(dynamoDb);
    }

    RawReply create(String tenant, String body, long remainingMillis) {
        JsonNode request = RawJson.parse(body == null || body.isBlank() ? "{}" : body);
        String conversation = RawContext.conversationId(request);
        String previous = RawJson.string(request, "previous_response_id");
        JsonNode storeField = RawJson.field(request, "store");
        boolean store = storeField == null || !storeField.isBoolean() || storeField.asBoolean();
        List<RawContext.Item> input = RawContext.input(RawJson.field(request, "input"));
        String id = RawJson.newId("resp_");
        long createdAt = System.currentTimeMillis() / 1000;
        Duration timeout = Duration.ofMillis(Math.max(remainingMillis - STORE_MARGIN_MILLIS, 1_000));
        if (conversation != null) {
            return inConversation(tenant, id, createdAt, request, conversation, store, input, remainingMillis, timeout);
        }
        List<JsonNode> history = previous == null ? List.of() : context.chain(tenant, previous);
        RawUpstream.Answer answer = generate(tenant, request, history, input, timeout);
        String response = responseJson(id, createdAt, request, null, store, answer);
        if (store) {
            dynamoDb.putItem(r -> r.tableName(RESPONSES).item(responseRow(tenant, id, response, input, previous)));
        }
        return RawReply.ok(response);
    }

    private RawReply inConversation(String tenant, String id, long createdAt, JsonNode request, String conversation,
            boolean store, List<RawContext.Item> input, long remainingMillis, Duration timeout) {
        String pk = tenant + "#" + conversation;
        // Past the function's own deadline by a little: a crashed function's lock frees itself.
        long lockUntil = createdAt + Math.max(remainingMillis, STORE_MARGIN_MILLIS + 1_000) / 1000 + 5;
        Map<String, AttributeValue> locked;
        try {
            locked = dynamoDb.updateItem(r -> r.tableName(CONVERSATIONS).key(Map.of("pk", s(pk)))
                    .updateExpression("SET #lock_owner = :owner, #lock_expires_at = :until")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#lock_owner) OR #lock_expires_at <= :now)")
                    .expressionAttributeNames(LOCK_NAMES)
                    .expressionAttributeValues(Map.of(":owner", s(id), ":until", n(lockUntil), ":now", n(createdAt)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            // Ours tells a live lock from a missing conversation with one more read; so does R.
            var row = dynamoDb.getItem(r -> r.tableName(CONVERSATIONS).key(Map.of("pk", s(pk))).consistentRead(true));
            return row.hasItem() && !row.item().isEmpty() ? locked()
                    : RawReply.error(404, "Conversation with id '" + conversation + "' not found.");
        }
        boolean released = false;
        try {
            // Only ids a client chose can collide: ours reads the item id index once for each, and so does R.
            for (RawContext.Item item : input) {
                if (RawJson.string(item.node(), "id") == null) continue;
                boolean taken = dynamoDb.query(r -> r.tableName(ITEMS).indexName("item_id-index")
                        .keyConditionExpression("pk = :pk AND item_id = :item_id")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":item_id", s(item.id())))
                        .projectionExpression("pk, seq, item_id").consistentRead(true).limit(1)).count() > 0;
                if (taken) return RawReply.error(400, "Duplicate item found with id " + item.id() + ".");
            }
            List<JsonNode> history = context.conversation(pk);
            RawUpstream.Answer answer = generate(tenant, request, history, input, timeout);
            String response = responseJson(id, createdAt, request, conversation, store, answer);
            if (!store) return RawReply.ok(response);

            long nextSeq = Long.parseLong(locked.get("next_seq").n());
            List<RawContext.Item> turn = new ArrayList<>(input);
            turn.addAll(answer.output());
            List<TransactWriteItem> writes = new ArrayList<>(turn.size() + 2);
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(CONVERSATIONS)
                    .key(Map.of("pk", s(pk)))
                    .updateExpression("SET #next_seq = :next_seq, #lock_expires_at = :released")
                    .conditionExpression("#next_seq = :expected AND #lock_owner = :owner")
                    .expressionAttributeNames(Map.of("#next_seq", "next_seq", "#lock_owner", "lock_owner",
                            "#lock_expires_at", "lock_expires_at"))
                    .expressionAttributeValues(Map.of(":next_seq", n(nextSeq + turn.size()), ":released", n(0),
                            ":expected", n(nextSeq), ":owner", s(id)))
                    .build()).build());
            long seq = nextSeq;
            for (RawContext.Item item : turn) {
                writes.add(put(ITEMS, Map.of("pk", s(pk), "seq", n(seq++), "item_id", s(item.id()), "body", s(item.json()))));
            }
            writes.add(put(RESPONSES, responseRow(tenant, id, response, input, null)));
            try {
                dynamoDb.transactWriteItems(r -> r.transactItems(writes));
            } catch (TransactionCanceledException e) {
                return locked();
            }
            released = true;
            return RawReply.ok(response);
        } finally {
            if (!released) unlock(pk, id);
        }
    }

    private static RawUpstream.Answer generate(String tenant, JsonNode request, List<JsonNode> history,
            List<RawContext.Item> input, Duration timeout) {
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        for (String name : SETTINGS) {
            JsonNode value = RawJson.field(request, name);
            if (value != null && !value.isNull()) settings.put(name, value);
        }
        return RawUpstream.generate(RawJson.string(request, "model"), RawJson.string(request, "instructions"),
                RawContext.forModel(tenant, history, input), settings, timeout);
    }

    /** Releases the lock if it is still this response's; someone else's since is left alone. */
    private void unlock(String pk, String owner) {
        try {
            dynamoDb.updateItem(r -> r.tableName(CONVERSATIONS).key(Map.of("pk", s(pk)))
                    .updateExpression("SET #lock_expires_at = :released").conditionExpression("#lock_owner = :owner")
                    .expressionAttributeNames(LOCK_NAMES)
                    .expressionAttributeValues(Map.of(":released", n(0), ":owner", s(owner))));
        } catch (ConditionalCheckFailedException e) {
            // Not ours any more: nothing to release.
        }
    }

    private static RawReply locked() {
        return RawReply.error(400, "Another process is currently operating on this conversation. Please retry in a few seconds.");
    }

    /** Every key ours' Response object carries, in its order, defaults where the request set nothing. */
    private static String responseJson(String id, long createdAt, JsonNode request, String conversation, boolean store,
            RawUpstream.Answer answer) {
        StringBuilder json = new StringBuilder(1024).append("{\"id\":").append(RawReply.quote(id))
                .append(",\"object\":\"response\",\"created_at\":").append(createdAt)
                .append(",\"status\":").append(RawReply.quote(answer.status()))
                .append(",\"completed_at\":").append(System.currentTimeMillis() / 1000)
                .append(",\"background\":false,\"conversation\":")
                .append(conversation == null ? "null" : "{\"id\":" + RawReply.quote(conversation) + "}")
                .append(",\"error\":null,\"incomplete_details\":").append(answer.incompleteReason() == null ? "null"
                        : "{\"reason\":" + RawReply.quote(answer.incompleteReason()) + "}")
                .append(",\"instructions\":").append(stringOrNull(request, "instructions"));
        setting(json, request, "max_output_tokens", "null");
        setting(json, request, "max_tool_calls", "null");
        json.append(",\"model\":").append(stringOrNull(request, "model")).append(",\"output\":[");
        for (int i = 0; i < answer.output().size(); i++) {
            if (i > 0) json.append(',');
            json.append(answer.output().get(i).json());
        }
        json.append(']');
        setting(json, request, "parallel_tool_calls", "true");
        json.append(",\"previous_response_id\":").append(stringOrNull(request, "previous_response_id"));
        setting(json, request, "prompt_cache_key", "null");
        setting(json, request, "reasoning", "{\"effort\":null,\"summary\":null}");
        setting(json, request, "safety_identifier", "null");
        setting(json, request, "service_tier", "\"default\"");
        json.append(",\"store\":").append(store);
        setting(json, request, "temperature", "1.0");
        setting(json, request, "text", "{\"format\":{\"type\":\"text\"},\"verbosity\":\"medium\"}");
        setting(json, request, "tool_choice", "\"auto\"");
        setting(json, request, "tools", "[]");
        setting(json, request, "top_logprobs", "0");
        setting(json, request, "top_p", "1.0");
        setting(json, request, "truncation", "\"disabled\"");
        json.append(",\"usage\":").append(answer.usage());
        setting(json, request, "user", "null");
        JsonNode metadata = RawJson.field(request, "metadata");
        json.append(",\"metadata\":").append(metadata != null && metadata.isObject() ? RawJson.write(metadata) : "{}");
        return json.append('}').toString();
    }

    private static void setting(StringBuilder json, JsonNode request, String name, String fallback) {
        JsonNode value = RawJson.field(request, name);
        json.append(",\"").append(name).append("\":")
                .append(value == null || value.isNull() ? fallback : RawJson.write(value));
    }

    private static String stringOrNull(JsonNode request, String field) {
        String value = RawJson.string(request, field);
        return value == null ? "null" : RawReply.quote(value);
    }

    /** Ours' response row: the body and the turn's input gzipped, the expiry DynamoDB's TTL acts on. */
    private static Map<String, AttributeValue> responseRow(String tenant, String id, String response,
            List<RawContext.Item> input, String previous) {
        StringBuilder inputJson = new StringBuilder("[");
        for (int i = 0; i < input.size(); i++) {
            if (i > 0) inputJson.append(',');
            inputJson.append(input.get(i).json());
        }
        Map<String, AttributeValue> row = new HashMap<>();
        row.put("pk", s(tenant + "#" + id));
        row.put("body", AttributeValue.fromB(gzip(response)));
        row.put("input_items", AttributeValue.fromB(gzip(inputJson.append(']').toString())));
        if (previous != null) row.put("previous_response_id", s(previous));
        row.put("expires_at", n(System.currentTimeMillis() / 1000 + RETENTION_SECONDS));
        return row;
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> row) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(row).build()).build();
    }

    private static SdkBytes gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArrayUnsafe(bytes.toByteArray());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
