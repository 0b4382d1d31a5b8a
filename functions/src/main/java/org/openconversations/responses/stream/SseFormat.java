package org.openconversations.responses.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openconversations.json.Json;

/**
 * Server-Sent Events framing of contract 9.1. The stream simply ends after the terminal event: OpenAI sends
 * no {@code data: [DONE]} for the Responses API.
 */
public final class SseFormat {
    private SseFormat() {}

    public static String encode(List<ObjectNode> events) {
        StringBuilder body = new StringBuilder();
        for (ObjectNode event : events) body.append(frame(event));
        return body.toString();
    }

    /** One event; the compact writer escapes line breaks inside strings, so data stays on one line. */
    public static String frame(ObjectNode event) {
        return "event: " + event.path("type").asText() + "\ndata: " + Json.write(event) + "\n\n";
    }
}
