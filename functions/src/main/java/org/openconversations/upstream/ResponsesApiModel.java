package org.openconversations.upstream;

import java.time.Duration;

/**
 * An upstream spoken to through {@code POST {base}/responses}, stateless ({@code store:false}): OpenAI, and
 * the servers that implement the Responses API (vLLM, Ollama). The translation both ways is
 * {@link ResponsesTranslation}'s.
 */
public final class ResponsesApiModel implements UpstreamModel {
    private final UpstreamHttp http;

    public ResponsesApiModel(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public ModelResult generate(ModelRequest request, Duration timeout) {
        return ResponsesTranslation.result(http.post("/responses", ResponsesTranslation.requestBody(request), timeout));
    }
}
