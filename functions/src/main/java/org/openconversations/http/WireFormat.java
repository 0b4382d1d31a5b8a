package org.openconversations.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.openconversations.domain.Conversation;
import org.openconversations.domain.StoredItem;
import org.openconversations.json.Json;
import org.openconversations.json.JsonStrings;

/**
 * The response bodies of contract sections 2 and 3. Stored items are already normalised JSON, so lists
 * splice them in raw instead of parsing and re-serialising every item.
 */
public final class WireFormat {
    private WireFormat() {}

    public static String conversation(Conversation conversation) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("id", conversation.id());
            json.writeStringField("object", "conversation");
            json.writeNumberField("created_at", conversation.createdAt());
            json.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> pair : conversation.metadata().entrySet()) {
                json.writeStringField(pair.getKey(), pair.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    // The two deletion bodies are small and fixed, so they are quoted by hand like the error envelope: a
    // delete route then creates no generator, which costs its cold start more than the rest of its JSON.
    public static String deletedConversation(String id) {
        return "{\"id\":" + JsonStrings.quote(id) + ",\"object\":\"conversation.deleted\",\"deleted\":true}";
    }

    public static String deletedResponse(String id) {
        return "{\"id\":" + JsonStrings.quote(id) + ",\"object\":\"response\",\"deleted\":true}";
    }

    /**
     * A {@code list}. On an empty page first_id and last_id are empty strings, not null: openai-java (4.x)
     * declares them required strings and its response validation rejects null.
     */
    public static String itemList(List<StoredItem> items, boolean hasMore) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("object", "list");
            json.writeArrayFieldStart("data");
            for (StoredItem item : items) json.writeRawValue(item.json());
            json.writeEndArray();
            json.writeStringField("first_id", items.isEmpty() ? "" : items.getFirst().id());
            json.writeStringField("last_id", items.isEmpty() ? "" : items.getLast().id());
            json.writeBooleanField("has_more", hasMore);
            json.writeEndObject();
        });
    }

    public static String item(StoredItem item) {
        return item.json();
    }

    private interface Body {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.generator(out)) {
            body.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
