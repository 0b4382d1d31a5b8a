package org.openconversations.upstream;

import java.time.Duration;

/**
 * An upstream spoken to through {@code POST {base}/chat/completions}, non-streaming: OpenAI, Yandex AI Studio,
 * vLLM, Ollama, llama.cpp. The translation both ways is {@link ChatTranslation}'s.
 *
 * <p>{@code max_output_tokens} is sent as {@code max_tokens} by default, the field every compatible server
 * reads; OpenAI's reasoning models accept only {@code max_completion_tokens}, which is the default when the
 * base URL is OpenAI's and can be chosen with {@code UPSTREAM_MAX_TOKENS_FIELD} (see {@link UpstreamConfig}).
 */
public final class ChatCompletionsModel implements UpstreamModel {
    public static final String MAX_TOKENS = "max_tokens";
    public static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";

    private final UpstreamHttp http;
    private final String maxTokensField;

    public ChatCompletionsModel(UpstreamHttp http, String maxTokensField) {
        if (!maxTokensField.equals(MAX_TOKENS) && !maxTokensField.equals(MAX_COMPLETION_TOKENS)) {
            throw new IllegalArgumentException("maxTokensField must be max_tokens or max_completion_tokens");
        }
        this.http = http;
        this.maxTokensField = maxTokensField;
    }

    @Override
    public ModelResult generate(ModelRequest request, Duration timeout) {
        return ChatTranslation.result(
                http.post("/chat/completions", ChatTranslation.requestBody(request, maxTokensField), timeout),
                Logprobs.asked(request.settings()));
    }
}
