package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.json.Json;
import org.openconversations.responses.InputTokens;
import org.openconversations.tokens.Tokenizer;

/** {@code POST /v1/responses/input_tokens}: what a response with this body would send upstream, in tokens. */
public final class CountInputTokensHandler extends ApiHandler {
    private final InputTokens service;

    public CountInputTokensHandler() {
        this(Services.inputTokens());
    }

    public CountInputTokensHandler(InputTokens service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(Json.write(service.count(request.tenant(), request.jsonBody())));
    }

    /** The o200k_base ranks (most models' tokenizer) take a few hundred milliseconds to load: snapshot them. */
    @Override
    protected void warmUp() {
        Tokenizer.O200K_BASE.count("priming");
    }
}
