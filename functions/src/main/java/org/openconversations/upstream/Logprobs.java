package org.openconversations.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.openconversations.domain.Includes;
import org.openconversations.json.Json;

/**
 * Token log probabilities: whether a request asks for them, and a Chat Completions answer's in the LogProb shape
 * of an output_text part (contract 4.1): {@code {token, logprob, bytes[], top_logprobs[{token, logprob, bytes[]}]}}.
 *
 * <p>They are asked for only when {@code include} holds {@code message.output_text.logprobs}, as OpenAI's
 * Responses API returns them only then: {@code top_logprobs} alone gets an empty array there, so asking the
 * upstream for it would be work thrown away. {@code top_logprobs} only says how many alternatives come with each.
 */
public final class Logprobs {
    private Logprobs() {}

    /** Whether any content part of the item carries log probabilities. */
    public static boolean carried(JsonNode item) {
        for (JsonNode part : item.path("content")) {
            if (!part.path("logprobs").isEmpty()) return true;
        }
        return false;
    }

    /** Empties the log probabilities of the item's content parts, in place. */
    public static void clear(ObjectNode item) {
        for (JsonNode part : item.path("content")) {
            if (part instanceof ObjectNode text && text.path("logprobs").isArray()) text.putArray("logprobs");
        }
    }

    static boolean asked(JsonNode settings) {
        if (settings == null) return false;
        for (JsonNode value : settings.path("include")) {
            if (Includes.OUTPUT_TEXT_LOGPROBS.equals(value.asText())) return true;
        }
        return false;
    }

    /**
     * A chat {@code logprobs.content} array in our shape; empty when it is absent or null. Missing {@code bytes}
     * (they may be null in chat) become the token's UTF-8 bytes and missing {@code top_logprobs} an empty array,
     * since the SDKs require both. An entry without a token or a numeric logprob is left out.
     */
    static ArrayNode fromChat(JsonNode content) {
        ArrayNode logprobs = Json.array();
        if (content == null || !content.isArray()) return logprobs;
        for (JsonNode given : content) {
            ObjectNode logprob = entry(given);
            if (logprob == null) continue;
            ArrayNode top = logprob.putArray("top_logprobs");
            for (JsonNode alternative : given.path("top_logprobs")) {
                ObjectNode entry = entry(alternative);
                if (entry != null) top.add(entry);
            }
            logprobs.add(logprob);
        }
        return logprobs;
    }

    private static ObjectNode entry(JsonNode given) {
        if (!given.path("token").isTextual() || !given.path("logprob").isNumber()) return null;
        String token = given.get("token").textValue();
        ObjectNode entry = Json.object().put("token", token);
        entry.set("logprob", given.get("logprob").deepCopy());
        ArrayNode bytes = entry.putArray("bytes");
        if (given.path("bytes").isArray()) {
            for (JsonNode b : given.get("bytes")) bytes.add(b.asInt());
        } else {
            for (byte b : token.getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xff);
        }
        return entry;
    }
}
