package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.responses.Responses;
import org.openconversations.tokens.Tokenizer;

/**
 * {@code POST /v1/responses}. With {@code stream:true} the whole event stream is sent at the end: API Gateway
 * HTTP APIs buffer Lambda responses, so events are generated from the finished response.
 */
public final class CreateResponseHandler extends ApiHandler {
    private final Responses service;

    public CreateResponseHandler() {
        this(Services.responses());
    }

    public CreateResponseHandler(Responses service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Responses.Created created = service.create(request.tenant(), request.jsonBody(), request.remainingTime());
        return created.stream() ? ApiResponse.eventStream(created.body()) : ApiResponse.ok(created.body());
    }

    /** The o200k_base ranks (most models' tokenizer) take a few hundred milliseconds to load: snapshot them. */
    @Override
    protected void warmUp() {
        Tokenizer.O200K_BASE.count("priming");
    }
}
