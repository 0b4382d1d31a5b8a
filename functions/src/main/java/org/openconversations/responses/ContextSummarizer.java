package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openconversations.errors.UpstreamApiException;
import org.openconversations.json.Json;
import org.openconversations.upstream.ModelRequest;
import org.openconversations.upstream.ModelResult;
import org.openconversations.upstream.UpstreamException;
import org.openconversations.upstream.UpstreamModel;

/**
 * Writes the summary a compaction item holds, with the same upstream model the conversation uses: the context
 * as the model would see it, then one user message asking for a summary that lets the conversation go on
 * without what it replaces. No tools are offered, so the model writes text rather than calling one.
 */
final class ContextSummarizer {
    static final String REQUEST = """
            Summarize the conversation above so that it can continue from your summary alone: the earlier messages \
            will be replaced by it. Keep every fact, name, number, decision, preference and instruction the user \
            gave, the results of tool calls, and any open question or unfinished task. Write it as concise notes \
            in the language of the conversation, without addressing anyone.""";
    /** Passed on from the request: they choose how the upstream bills and caches, not what it writes. */
    private static final List<String> PASSED_ON = List.of("service_tier", "prompt_cache_key", "prompt_cache_retention");

    record Summary(String text, ObjectNode usage) {}

    Summary summarize(UpstreamModel model, CreateResponseRequest request, List<ObjectNode> context, Duration timeout) {
        List<ObjectNode> asked = new ArrayList<>(context);
        ObjectNode ask = Json.object();
        ask.put("type", "message");
        ask.put("role", "user");
        ask.putArray("content").addObject().put("type", "input_text").put("text", REQUEST);
        asked.add(ask);
        ObjectNode settings = Json.object();
        for (String name : PASSED_ON) {
            JsonNode value = request.settings().get(name);
            if (value != null) settings.set(name, value);
        }
        ModelResult result;
        try {
            result = model.generate(new ModelRequest(request.model(), request.instructions(), asked, settings), timeout);
        } catch (UpstreamException e) {
            throw UpstreamFailures.toApi(e, "The model did not write the compaction summary within "
                    + timeout.toSeconds() + " seconds.");
        }
        if (!"completed".equals(result.status())) {
            // A summary that stopped at the model's output limit, or was filtered, would stand for the whole
            // history while holding only part of it: the client would lose the rest without being told.
            String reason = result.incompleteReason() == null ? "" : " (" + result.incompleteReason() + ")";
            throw UpstreamApiException.unfinished("The upstream model's compaction summary was cut off" + reason
                    + ", so nothing was compacted: a partial summary would silently drop part of the conversation.");
        }
        StringBuilder text = new StringBuilder();
        for (ObjectNode item : result.output()) {
            if (!"message".equals(item.path("type").asText())) continue;
            for (JsonNode part : item.path("content")) {
                if ("output_text".equals(part.path("type").asText())) text.append(part.path("text").asText());
            }
        }
        if (text.toString().isBlank()) {
            throw UpstreamApiException.unavailable(
                    "The upstream model answered the compaction request without any text to keep as the summary.");
        }
        return new Summary(text.toString().strip(), result.usage());
    }
}
