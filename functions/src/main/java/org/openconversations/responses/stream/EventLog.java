package org.openconversations.responses.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openconversations.json.Json;

/** Events in emission order; sequence numbers start at 0 and grow by one (contract 9.1). */
final class EventLog {
    private final List<ObjectNode> events = new ArrayList<>();

    ObjectNode append(String type) {
        ObjectNode event = Json.object();
        event.put("type", type);
        event.put("sequence_number", events.size());
        events.add(event);
        return event;
    }

    ObjectNode appendForItem(String type, String itemId, int outputIndex) {
        return append(type).put("item_id", itemId).put("output_index", outputIndex);
    }

    ObjectNode appendForPart(String type, String itemId, int outputIndex, int contentIndex) {
        return appendForItem(type, itemId, outputIndex).put("content_index", contentIndex);
    }

    void itemAdded(int outputIndex, JsonNode item) {
        append("response.output_item.added").put("output_index", outputIndex).set("item", item.deepCopy());
    }

    void itemDone(int outputIndex, JsonNode item) {
        append("response.output_item.done").put("output_index", outputIndex).set("item", item.deepCopy());
    }

    void partAdded(String itemId, int outputIndex, int contentIndex, JsonNode part) {
        appendForPart("response.content_part.added", itemId, outputIndex, contentIndex).set("part", part.deepCopy());
    }

    void partDone(String itemId, int outputIndex, int contentIndex, JsonNode part) {
        appendForPart("response.content_part.done", itemId, outputIndex, contentIndex).set("part", part.deepCopy());
    }

    List<ObjectNode> events() {
        return Collections.unmodifiableList(events);
    }
}
