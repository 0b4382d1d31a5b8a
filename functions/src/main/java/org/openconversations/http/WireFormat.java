package org.openconversations.http;

import java.util.List;
import java.util.Map;
import org.openconversations.domain.Conversation;
import org.openconversations.domain.StoredItem;
import org.openconversations.json.JsonStrings;

/**
 * The response bodies of contract sections 2 and 3, written by hand. Each is a fixed shape of ids, numbers,
 * metadata strings and stored items, and stored items are already normalised JSON that lists splice in raw.
 * A generator would cost a cold start jackson-core's factory and the tree nodes {@code Json} comes with
 * (about 90 classes); {@link JsonStrings#quote} escapes exactly as the generator does.
 */
public final class WireFormat {
    private WireFormat() {}

    public static String conversation(Conversation conversation) {
        StringBuilder json = new StringBuilder(96)
                .append("{\"id\":").append(JsonStrings.quote(conversation.id()))
                .append(",\"object\":\"conversation\",\"created_at\":").append(conversation.createdAt())
                .append(",\"metadata\":{");
        String separator = "";
        for (Map.Entry<String, String> pair : conversation.metadata().entrySet()) {
            json.append(separator).append(JsonStrings.quote(pair.getKey())).append(':')
                    .append(JsonStrings.quote(pair.getValue()));
            separator = ",";
        }
        return json.append("}}").toString();
    }

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
        int length = 96;
        for (StoredItem item : items) length += item.json().length() + 1;
        StringBuilder json = new StringBuilder(length).append("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) json.append(',');
            json.append(items.get(i).json());
        }
        return json.append("],\"first_id\":").append(JsonStrings.quote(items.isEmpty() ? "" : items.getFirst().id()))
                .append(",\"last_id\":").append(JsonStrings.quote(items.isEmpty() ? "" : items.getLast().id()))
                .append(",\"has_more\":").append(hasMore).append('}').toString();
    }

    public static String item(StoredItem item) {
        return item.json();
    }
}
