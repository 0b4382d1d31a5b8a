package org.openconversations.domain;

import java.util.List;
import org.openconversations.errors.InvalidRequestException;

/**
 * The {@code include[]} values the item routes accept (contract section 3). We store every item whole, so
 * every field is always returned; the values are still validated, as OpenAI does.
 */
public final class Includes {
    /** Asks for the token log probabilities of output_text parts; without it they are empty. */
    public static final String OUTPUT_TEXT_LOGPROBS = "message.output_text.logprobs";
    public static final List<String> SUPPORTED = List.of(
            "file_search_call.results",
            "web_search_call.results",
            "web_search_call.action.sources",
            "message.input_image.image_url",
            "computer_call_output.output.image_url",
            "code_interpreter_call.outputs",
            "reasoning.encrypted_content",
            OUTPUT_TEXT_LOGPROBS);

    private Includes() {}

    public static List<String> parse(List<String> values) {
        if (values == null) return List.of();
        for (String value : values) check(value, "include");
        return List.copyOf(values);
    }

    /** @param param where the value sits, for the error: {@code include}, or {@code include[2]} in a body */
    public static void check(String value, String param) {
        if (!SUPPORTED.contains(value)) throw InvalidRequestException.invalidValue(param, value, SUPPORTED);
    }
}
