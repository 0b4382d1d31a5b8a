package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.json.Json;

import org.openconversations.responses.StoredResponses;

/** {@code POST /v1/responses/{response_id}/cancel}: there are no background responses to cancel here. */
public final class CancelResponseHandler extends ApiHandler {
    private final StoredResponses service;

    public CancelResponseHandler() {
        this(Services.storedResponses());
    }

    public CancelResponseHandler(StoredResponses service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(Json.write(service.cancel(request.tenant(), request.pathParameter("response_id"))));
    }
}
