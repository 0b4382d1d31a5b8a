package org.openconversations.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openconversations.store.TestStore;
import org.openconversations.upstream.UpstreamStandIn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A conversation with known items and metadata, and a stored response, that the fuzzed requests aim at. After a
 * rejected request it must read exactly as before, down to its DynamoDB rows, and be unlocked. After an accepted
 * one it may have changed, and is read again (or made anew when gone or grown).
 */
final class Fixture {
    /** The tenant of {@code TestGateway.apiKey()}, which every key of the tables starts with. */
    static final String TENANT = "default";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ITEMS = 60;
    private static final long MAX_ITEM_BYTES = 1_000_000;

    private final String key;
    private final DynamoDbClient dynamo;
    private final UpstreamStandIn upstream;

    String conversationId;
    String responseId;
    List<String> itemIds = List.of();
    private Snapshot snapshot;

    private record Snapshot(JsonNode conversation, Map<String, AttributeValue> conversationRow,
            List<Map<String, AttributeValue>> itemRows, JsonNode response, Map<String, AttributeValue> responseRow) {}

    Fixture(String key, DynamoDbClient dynamo, UpstreamStandIn upstream) {
        this.key = key;
        this.dynamo = dynamo;
        this.upstream = upstream;
        recreate();
    }

    /** The fixture's ids by placeholder, for resolving generated requests. */
    Map<String, String> ids() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("@@CONV@@", conversationId);
        ids.put("@@RESP@@", responseId);
        for (int i = 0; i < 4; i++) ids.put("@@ITEM" + i + "@@", itemIds.isEmpty() ? "msg_none" : itemIds.get(i % itemIds.size()));
        return ids;
    }

    /** After a rejected request: everything as it was, and no lock left behind. */
    void assertUnchanged(RawHttp.Request cause) {
        Snapshot now = read();
        String why = "\n--- after the rejected request ---\n" + cause.describe();
        if (now == null) throw new AssertionError("the fixture conversation or response is gone" + why);
        if (!snapshot.conversation().equals(now.conversation())) {
            throw new AssertionError("the fixture conversation changed: " + snapshot.conversation() + " -> "
                    + now.conversation() + why);
        }
        if (!snapshot.conversationRow().equals(now.conversationRow())) {
            throw new AssertionError("the fixture conversation row changed: " + snapshot.conversationRow() + " -> "
                    + now.conversationRow() + why);
        }
        if (!ids(snapshot.itemRows()).equals(ids(now.itemRows()))) {
            throw new AssertionError("the fixture items (ids, order) changed: " + ids(snapshot.itemRows()) + " -> "
                    + ids(now.itemRows()) + why);
        }
        if (!snapshot.itemRows().equals(now.itemRows())) throw new AssertionError("a fixture item row changed" + why);
        if (!snapshot.response().equals(now.response())) throw new AssertionError("the fixture response changed" + why);
        if (!snapshot.responseRow().equals(now.responseRow())) {
            throw new AssertionError("the fixture response row changed" + why);
        }
        assertUnlocked(why);
    }

    /** After an accepted request that may have written: read it again, or start afresh if it is gone or large. */
    void refresh() {
        Snapshot now = read();
        if (now == null || now.itemRows().size() < 2 || now.itemRows().size() > MAX_ITEMS
                || bytes(now.itemRows()) > MAX_ITEM_BYTES) {
            recreate();
        } else {
            accept(now);
        }
    }

    /** A new conversation and response; the fields change only once both exist and read back. */
    private void recreate() {
        String firstId = "msg_" + hex(24);
        RawHttp.Reply conversation = call("POST", "/v1/conversations", """
                {"metadata":{"topic":"fuzz fixture","owner":"fuzz"},
                 "items":[{"id":"%s","type":"message","role":"user","content":"first"},
                          {"type":"message","role":"assistant","content":"second"},
                          {"type":"function_call","call_id":"call_fx","name":"lookup","arguments":"{}"},
                          {"type":"function_call_output","call_id":"call_fx","output":"fourth"}]}"""
                .formatted(firstId));
        upstream.reset();
        upstream.answer("the fixture's answer");
        RawHttp.Reply response = call("POST", "/v1/responses", """
                {"model":"gpt-4.1-mini","input":[{"role":"user","content":"the fixture's question"}],
                 "metadata":{"fixture":"yes"}}""");
        upstream.reset();
        String oldConversation = conversationId;
        String oldResponse = responseId;
        conversationId = ReplyChecks.parse(conversation.text()).get("id").textValue();
        responseId = ReplyChecks.parse(response.text()).get("id").textValue();
        Snapshot fresh = read();
        if (fresh == null) {
            conversationId = oldConversation;
            responseId = oldResponse;
            throw new IllegalStateException("the new fixture cannot be read back");
        }
        accept(fresh);
    }

    private void accept(Snapshot fresh) {
        snapshot = fresh;
        itemIds = ids(fresh.itemRows());
    }

    private Snapshot read() {
        RawHttp.Reply conversation = call("GET", "/v1/conversations/" + conversationId, null);
        RawHttp.Reply response = call("GET", "/v1/responses/" + responseId, null);
        if (conversation.status() == 404 || response.status() == 404) return null;
        if (conversation.status() != 200 || response.status() != 200) {
            throw new AssertionError("the fixture cannot be read: " + conversation + " / " + response);
        }
        Map<String, AttributeValue> conversationRow = row(TestStore.CONVERSATIONS_TABLE, TENANT + "#" + conversationId);
        Map<String, AttributeValue> responseRow = row(TestStore.RESPONSES_TABLE, TENANT + "#" + responseId);
        if (conversationRow == null || responseRow == null) {
            throw new AssertionError("the fixture is served but its rows are not under " + TENANT + "#<id>");
        }
        Map<String, AttributeValue> withoutLock = new HashMap<>(conversationRow);
        withoutLock.remove("lock_owner");
        withoutLock.remove("lock_expires_at");
        return new Snapshot(ReplyChecks.parse(conversation.text()), withoutLock,
                itemRows(TENANT + "#" + conversationId), ReplyChecks.parse(response.text()), responseRow);
    }

    private void assertUnlocked(String why) {
        Map<String, AttributeValue> row = row(TestStore.CONVERSATIONS_TABLE, TENANT + "#" + conversationId);
        AttributeValue expires = row == null ? null : row.get("lock_expires_at");
        if (expires != null && expires.n() != null && Long.parseLong(expires.n()) > Instant.now().getEpochSecond()) {
            throw new AssertionError("the fixture conversation is left locked: " + row + why);
        }
    }

    private Map<String, AttributeValue> row(String table, String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk))).build()).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private List<Map<String, AttributeValue>> itemRows(String pk) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(TestStore.ITEMS_TABLE).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)));
            if (start != null) query.exclusiveStartKey(start);
            QueryResponse page = dynamo.query(query.build());
            rows.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return rows;
    }

    private static List<String> ids(List<Map<String, AttributeValue>> rows) {
        return rows.stream().map(row -> row.get("item_id").s()).toList();
    }

    private static long bytes(List<Map<String, AttributeValue>> rows) {
        long total = 0;
        for (Map<String, AttributeValue> row : rows) {
            for (AttributeValue value : row.values()) {
                if (value.s() != null) total += value.s().length();
                if (value.b() != null) total += value.b().asByteArrayUnsafe().length;
            }
        }
        return total;
    }

    private RawHttp.Reply call(String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + key);
        if (body != null) headers.put("Content-Type", "application/json");
        RawHttp.Reply reply = RawHttp.send(RawHttp.Request.of(method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
        if (reply.status() >= 500 || (reply.status() >= 400 && !method.equals("GET"))) {
            throw new IllegalStateException("fixture call " + method + " " + path + " failed: " + reply);
        }
        return reply;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }
}
