package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.json.Json;
import org.openconversations.responses.ContextCompaction;
import org.openconversations.tokens.Tokenizer;

/** {@code POST /v1/responses/compact}: a context summarised into one compaction item, nothing stored. */
public final class CompactResponseHandler extends ApiHandler {
    private final ContextCompaction service;

    public CompactResponseHandler() {
        this(Services.contextCompaction());
    }

    public CompactResponseHandler(ContextCompaction service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(Json.write(
                service.compact(request.tenant(), request.jsonBody(), request.remainingTime())));
    }

    /** The o200k_base ranks (most models' tokenizer) take a few hundred milliseconds to load: snapshot them. */
    @Override
    protected void warmUp() {
        Tokenizer.O200K_BASE.count("priming");
    }
}
