package org.openconversations.responses.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A function call: no content parts, only its arguments string arriving in pieces (contract 9.3). */
final class FunctionCallEvents {
    private FunctionCallEvents() {}

    static void append(EventLog log, ObjectNode item, int outputIndex) {
        String itemId = item.path("id").asText();
        String arguments = item.path("arguments").asText();
        ObjectNode added = item.deepCopy();
        added.put("status", "in_progress");
        added.put("arguments", "");
        log.itemAdded(outputIndex, added);
        for (String delta : Chunks.codePoints(arguments)) {
            log.appendForItem("response.function_call_arguments.delta", itemId, outputIndex).put("delta", delta);
        }
        // OpenAI's own stream omits name here, but the OpenAPI spec and the python SDK declare it required.
        log.appendForItem("response.function_call_arguments.done", itemId, outputIndex)
                .put("arguments", arguments)
                .put("name", item.path("name").asText());
        log.itemDone(outputIndex, item);
    }
}
