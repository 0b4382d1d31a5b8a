package org.openconversations.baseline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** The stored-response routes over the raw client; bodies are stored gzipped, as ours stores them. */
final class RawResponses {
    private static final String RESPONSES = System.getenv("RESPONSES_TABLE");

    private final DynamoDbClient dynamoDb;

    RawResponses(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    RawReply get(String tenant, String id) {
        Map<String, AttributeValue> row = row(tenant, id);
        return row == null ? notFound(id) : RawReply.ok(gunzip(row.get("body")));
    }

    RawReply delete(String tenant, String id) {
        var old = dynamoDb.deleteItem(r -> r.tableName(RESPONSES).key(key(tenant, id)).returnValues(ReturnValue.ALL_OLD));
        if (!old.hasAttributes() || old.attributes().isEmpty()) return notFound(id);
        return RawReply.ok("{\"id\":" + RawReply.quote(id) + ",\"object\":\"response\",\"deleted\":true}");
    }

    RawReply inputItems(String tenant, String id) {
        Map<String, AttributeValue> row = row(tenant, id);
        if (row == null) return notFound(id);
        String items = gunzip(row.get("input_items"));
        return RawReply.ok("{\"object\":\"list\",\"data\":" + items + ",\"first_id\":\"\",\"last_id\":\"\",\"has_more\":false}");
    }

    RawReply cancel(String tenant, String id) {
        return row(tenant, id) == null ? notFound(id)
                : RawReply.error(400, "Only responses created with background set to true can be cancelled.");
    }

    private Map<String, AttributeValue> row(String tenant, String id) {
        var got = dynamoDb.getItem(r -> r.tableName(RESPONSES).key(key(tenant, id)).consistentRead(true));
        if (!got.hasItem() || got.item().isEmpty()) return null;
        AttributeValue expires = got.item().get("expires_at");
        boolean expired = expires != null && Long.parseLong(expires.n()) <= System.currentTimeMillis() / 1000;
        return expired ? null : got.item();
    }

    static String gunzip(AttributeValue value) {
        if (value == null) return "[]";
        if (value.s() != null) return value.s();
        try (var gzip = new GZIPInputStream(new ByteArrayInputStream(value.b().asByteArrayUnsafe()))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawReply notFound(String id) {
        return RawReply.error(404, "Response with id '" + id + "' not found.");
    }

    private static Map<String, AttributeValue> key(String tenant, String id) {
        return Map.of("pk", AttributeValue.fromS(tenant + "#" + id));
    }
}
