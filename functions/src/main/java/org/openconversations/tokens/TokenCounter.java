package org.openconversations.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.ToIntFunction;
import org.openconversations.json.Json;

/**
 * The tokens a context costs a model, counted the way OpenAI's chat format spends them: every item (message,
 * call or output) takes {@link #PER_ITEM} tokens of framing plus its text, and the reply is primed with
 * {@link #REPLY_PRIMING}. Text is counted with the model's tokenizer; what has no text is estimated (an image
 * {@link #IMAGE} tokens, base64 file data a token per {@link #BYTES_PER_FILE_TOKEN} characters). Items of other
 * types count their JSON without id and status. Counts are additive per item, so dropping an item subtracts
 * exactly what {@link #item} said it cost.
 */
public final class TokenCounter {
    public static final int PER_ITEM = 3;
    public static final int REPLY_PRIMING = 3;
    public static final int IMAGE = 85;
    public static final int BYTES_PER_FILE_TOKEN = 4;

    private final ToIntFunction<String> measure;

    public TokenCounter(Tokenizer tokenizer) {
        this(tokenizer::count);
    }

    private TokenCounter(ToIntFunction<String> measure) {
        this.measure = measure;
    }

    /**
     * A counter that never counts fewer tokens than this one and costs almost nothing: text is measured in
     * UTF-8 bytes. Every tokenizer here is a byte-level BPE, whose tokens each stand for at least one byte, so
     * a context whose bound fits the window fits it, with no tokenizing at all.
     */
    public static TokenCounter upperBound() {
        return UPPER_BOUND;
    }

    private static final TokenCounter UPPER_BOUND = new TokenCounter(TokenCounter::utf8Bytes);

    public int text(String text) {
        return text == null ? 0 : measure.applyAsInt(text);
    }

    private static int utf8Bytes(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else bytes += 3;
        }
        return bytes;
    }

    /** What every request pays whatever its items: the instructions, the tool definitions and the reply. */
    public int fixed(String instructions, JsonNode tools) {
        int tokens = REPLY_PRIMING;
        if (instructions != null) tokens += PER_ITEM + text("system") + text(instructions);
        if (tools != null && tools.isArray() && !tools.isEmpty()) tokens += text(Json.write(tools));
        return tokens;
    }

    public int item(ObjectNode item) {
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        return PER_ITEM + switch (type) {
            case "message" -> text(item.path("role").asText()) + content(item.get("content"));
            case "function_call", "custom_tool_call" ->
                    text(item.path("name").asText()) + text(item.path("arguments").asText(null))
                            + text(item.path("input").asText(null));
            case "function_call_output", "custom_tool_call_output" -> content(item.get("output"));
            case "reasoning" -> parts(item.get("summary")) + parts(item.get("content"));
            default -> text(Json.write(withoutBookkeeping(item)));
        };
    }

    public int items(List<ObjectNode> items) {
        int tokens = 0;
        for (ObjectNode item : items) tokens += item(item);
        return tokens;
    }

    private int content(JsonNode content) {
        if (content == null || content.isNull()) return 0;
        if (content.isTextual()) return text(content.textValue());
        return parts(content);
    }

    private int parts(JsonNode parts) {
        if (parts == null || !parts.isArray()) return 0;
        int tokens = 0;
        for (JsonNode part : parts) {
            String type = part.path("type").asText();
            tokens += switch (type) {
                case "input_image" -> IMAGE;
                case "input_file" -> fileData(part) + text(part.path("filename").asText(null));
                case "refusal" -> text(part.path("refusal").asText(null));
                default -> text(part.path("text").asText(null));
            };
        }
        return tokens;
    }

    private static int fileData(JsonNode part) {
        String data = part.path("file_data").asText("");
        return (data.length() + BYTES_PER_FILE_TOKEN - 1) / BYTES_PER_FILE_TOKEN;
    }

    private static ObjectNode withoutBookkeeping(ObjectNode item) {
        ObjectNode copy = item.deepCopy();
        copy.remove("id");
        copy.remove("status");
        return copy;
    }
}
