package org.openconversations.responses.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openconversations.json.Json;

/**
 * Deltas for text that has token logprobs: one per token, carrying that token's logprob, as OpenAI streams them,
 * so the deltas' text concatenates to the part's text and their logprobs to the part's logprobs. A token that
 * ends inside a character (one character split over several tokens) is joined to the next, since a delta is
 * text; a token with no bytes joins the delta before it. Tokens are matched by their {@code bytes}, or by the
 * token text where those are missing. When the tokens do not spell the text exactly, the whole text is one delta
 * with all the logprobs.
 */
final class TokenDeltas {
    record Delta(String text, ArrayNode logprobs) {}

    private TokenDeltas() {}

    static List<Delta> of(String text, JsonNode logprobs) {
        List<Delta> deltas = byToken(text, logprobs);
        return deltas != null ? deltas : List.of(new Delta(text, logprobs.deepCopy()));
    }

    /** The deltas, or null when the tokens do not spell the text. */
    private static List<Delta> byToken(String text, JsonNode logprobs) {
        byte[] utf8 = text.getBytes(UTF_8);
        List<Delta> deltas = new ArrayList<>();
        ArrayNode pending = Json.array();
        int start = 0;
        int end = 0;
        for (JsonNode logprob : logprobs) {
            byte[] token = bytes(logprob);
            if (token == null || end + token.length > utf8.length
                    || !Arrays.equals(utf8, end, end + token.length, token, 0, token.length)) {
                return null;
            }
            end += token.length;
            if (token.length == 0 && !deltas.isEmpty() && pending.isEmpty()) {
                deltas.getLast().logprobs().add(logprob.deepCopy());
                continue;
            }
            pending.add(logprob.deepCopy());
            if (end > start && (end == utf8.length || !continuation(utf8[end]))) {
                deltas.add(new Delta(new String(utf8, start, end - start, UTF_8), pending));
                pending = Json.array();
                start = end;
            }
        }
        if (end != utf8.length || !pending.isEmpty() || !text.equals(joined(deltas))) return null;
        return deltas;
    }

    private static byte[] bytes(JsonNode logprob) {
        JsonNode given = logprob.get("bytes");
        if (given != null && given.isArray()) {
            byte[] bytes = new byte[given.size()];
            for (int i = 0; i < bytes.length; i++) {
                JsonNode b = given.get(i);
                if (!b.canConvertToInt() || b.intValue() < 0 || b.intValue() > 255) return null;
                bytes[i] = (byte) b.intValue();
            }
            return bytes;
        }
        JsonNode token = logprob.get("token");
        return token != null && token.isTextual() ? token.textValue().getBytes(UTF_8) : null;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    // A text with a lone surrogate is not valid UTF-8: its bytes do not give it back.
    private static String joined(List<Delta> deltas) {
        StringBuilder text = new StringBuilder();
        for (Delta delta : deltas) text.append(delta.text());
        return text.toString();
    }
}
