package org.openconversations.responses.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openconversations.json.Json;

/**
 * A reasoning item: raw reasoning text (open-weight models) streams as content parts, the summary as
 * summary parts; OpenAI's own models send only the summary.
 */
final class ReasoningEvents {
    private ReasoningEvents() {}

    static void append(EventLog log, ObjectNode item, int outputIndex) {
        String itemId = item.path("id").asText();
        ObjectNode added = item.deepCopy();
        added.putArray("summary");
        if (added.has("status")) added.put("status", "in_progress");
        if (added.path("content").isArray()) added.putArray("content");
        log.itemAdded(outputIndex, added);
        JsonNode content = item.path("content");
        for (int contentIndex = 0; contentIndex < content.size(); contentIndex++) {
            appendContent(log, itemId, outputIndex, contentIndex, content.get(contentIndex));
        }
        JsonNode summary = item.path("summary");
        for (int summaryIndex = 0; summaryIndex < summary.size(); summaryIndex++) {
            appendSummary(log, itemId, outputIndex, summaryIndex, summary.get(summaryIndex));
        }
        log.itemDone(outputIndex, item);
    }

    private static void appendContent(EventLog log, String itemId, int outputIndex, int contentIndex, JsonNode part) {
        String text = part.path("text").asText();
        log.partAdded(itemId, outputIndex, contentIndex, Json.object().put("type", "reasoning_text").put("text", ""));
        for (String delta : Chunks.words(text)) {
            log.appendForPart("response.reasoning_text.delta", itemId, outputIndex, contentIndex).put("delta", delta);
        }
        log.appendForPart("response.reasoning_text.done", itemId, outputIndex, contentIndex).put("text", text);
        log.partDone(itemId, outputIndex, contentIndex, part);
    }

    private static void appendSummary(EventLog log, String itemId, int outputIndex, int summaryIndex, JsonNode part) {
        String text = part.path("text").asText();
        log.appendForItem("response.reasoning_summary_part.added", itemId, outputIndex)
                .put("summary_index", summaryIndex)
                .set("part", Json.object().put("type", "summary_text").put("text", ""));
        for (String delta : Chunks.words(text)) {
            log.appendForItem("response.reasoning_summary_text.delta", itemId, outputIndex)
                    .put("summary_index", summaryIndex)
                    .put("delta", delta);
        }
        log.appendForItem("response.reasoning_summary_text.done", itemId, outputIndex)
                .put("summary_index", summaryIndex)
                .put("text", text);
        log.appendForItem("response.reasoning_summary_part.done", itemId, outputIndex)
                .put("summary_index", summaryIndex)
                .set("part", part.deepCopy());
    }
}
