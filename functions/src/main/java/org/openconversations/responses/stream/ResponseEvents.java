package org.openconversations.responses.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openconversations.json.Json;

/**
 * The {@code stream:true} event sequence of contract section 9, replayed from a finished response. Producing
 * events is kept apart from writing them ({@link SseFormat}) so a transport that streams for real can reuse both.
 * No event gets a top-level {@code error} key: openai-java throws on one even when it is null.
 */
public final class ResponseEvents {
    private ResponseEvents() {}

    public static List<ObjectNode> of(ObjectNode finalResponse) {
        String terminalType = terminalType(finalResponse.path("status").asText());
        EventLog log = new EventLog();
        ObjectNode started = started(finalResponse);
        log.append("response.created").set("response", started);
        log.append("response.in_progress").set("response", started.deepCopy());
        JsonNode output = finalResponse.path("output");
        for (int outputIndex = 0; outputIndex < output.size(); outputIndex++) {
            appendItem(log, output.get(outputIndex), outputIndex);
        }
        log.append(terminalType).set("response", finalResponse.deepCopy());
        return log.events();
    }

    /** The contract's mid-stream failure: code, message and param at top level, never wrapped in {@code error}. */
    public static ObjectNode errorEvent(int sequenceNumber, String code, String message, String param) {
        ObjectNode event = Json.object();
        event.put("type", "error");
        event.put("code", code);
        event.put("message", message);
        event.put("param", param);
        event.put("sequence_number", sequenceNumber);
        return event;
    }

    // The stream event union has no terminal event for cancelled, queued or in_progress.
    private static String terminalType(String status) {
        return switch (status) {
            case "completed" -> "response.completed";
            case "incomplete" -> "response.incomplete";
            case "failed" -> "response.failed";
            default -> throw new IllegalArgumentException("a stream cannot end with status '" + status + "'");
        };
    }

    private static ObjectNode started(ObjectNode finalResponse) {
        ObjectNode response = finalResponse.deepCopy();
        response.put("status", "in_progress");
        response.putArray("output");
        response.putNull("usage");
        response.putNull("completed_at");
        response.putNull("error");
        response.putNull("incomplete_details");
        return response;
    }

    private static void appendItem(EventLog log, JsonNode node, int outputIndex) {
        if (!(node instanceof ObjectNode item)) {
            throw new IllegalArgumentException("output[" + outputIndex + "] is not an object");
        }
        switch (item.path("type").asText()) {
            case "message" -> MessageEvents.append(log, item, outputIndex);
            case "function_call" -> FunctionCallEvents.append(log, item, outputIndex);
            case "reasoning" -> ReasoningEvents.append(log, item, outputIndex);
            default -> {
                log.itemAdded(outputIndex, item);
                log.itemDone(outputIndex, item);
            }
        }
    }
}
