package org.openconversations.responses.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openconversations.json.Json;

/** An assistant message: each content part is opened empty, filled by deltas, then closed. */
final class MessageEvents {
    private MessageEvents() {}

    static void append(EventLog log, ObjectNode item, int outputIndex) {
        String itemId = item.path("id").asText();
        ObjectNode added = item.deepCopy();
        added.put("status", "in_progress");
        added.putArray("content");
        log.itemAdded(outputIndex, added);
        JsonNode content = item.path("content");
        for (int contentIndex = 0; contentIndex < content.size(); contentIndex++) {
            JsonNode part = content.get(contentIndex);
            switch (part.path("type").asText()) {
                case "output_text" -> appendText(log, itemId, outputIndex, contentIndex, part);
                case "refusal" -> appendRefusal(log, itemId, outputIndex, contentIndex, part);
                default -> {
                    log.partAdded(itemId, outputIndex, contentIndex, part);
                    log.partDone(itemId, outputIndex, contentIndex, part);
                }
            }
        }
        log.itemDone(outputIndex, item);
    }

    // logprobs is required on text delta and done events by the SDKs, even when empty. Text with logprobs is
    // sent a token a delta, each with its own; the done event carries them all.
    private static void appendText(EventLog log, String itemId, int outputIndex, int contentIndex, JsonNode part) {
        String text = part.path("text").asText();
        ObjectNode empty = Json.object().put("type", "output_text").put("text", "");
        empty.putArray("annotations");
        empty.putArray("logprobs");
        log.partAdded(itemId, outputIndex, contentIndex, empty);
        JsonNode logprobs = part.path("logprobs");
        if (text.isEmpty() || !logprobs.isArray() || logprobs.isEmpty()) {
            for (String delta : Chunks.words(text)) {
                log.appendForPart("response.output_text.delta", itemId, outputIndex, contentIndex)
                        .put("delta", delta)
                        .putArray("logprobs");
            }
        } else {
            for (TokenDeltas.Delta delta : TokenDeltas.of(text, logprobs)) {
                log.appendForPart("response.output_text.delta", itemId, outputIndex, contentIndex)
                        .put("delta", delta.text())
                        .set("logprobs", delta.logprobs());
            }
        }
        JsonNode annotations = part.path("annotations");
        for (int annotationIndex = 0; annotationIndex < annotations.size(); annotationIndex++) {
            log.appendForPart("response.output_text.annotation.added", itemId, outputIndex, contentIndex)
                    .put("annotation_index", annotationIndex)
                    .set("annotation", annotations.get(annotationIndex).deepCopy());
        }
        ObjectNode done = log.appendForPart("response.output_text.done", itemId, outputIndex, contentIndex)
                .put("text", text);
        done.set("logprobs", logprobs.isArray() ? logprobs.deepCopy() : Json.array());
        log.partDone(itemId, outputIndex, contentIndex, part);
    }

    private static void appendRefusal(EventLog log, String itemId, int outputIndex, int contentIndex, JsonNode part) {
        String refusal = part.path("refusal").asText();
        log.partAdded(itemId, outputIndex, contentIndex, Json.object().put("type", "refusal").put("refusal", ""));
        for (String delta : Chunks.words(refusal)) {
            log.appendForPart("response.refusal.delta", itemId, outputIndex, contentIndex).put("delta", delta);
        }
        log.appendForPart("response.refusal.done", itemId, outputIndex, contentIndex).put("refusal", refusal);
        log.partDone(itemId, outputIndex, contentIndex, part);
    }
}
