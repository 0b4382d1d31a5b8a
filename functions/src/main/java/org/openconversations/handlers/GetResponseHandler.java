package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.responses.RetrieveQuery;
import org.openconversations.responses.StoredResponses;

/** {@code GET /v1/responses/{response_id}}: a stored response, until it expires. */
public final class GetResponseHandler extends ApiHandler {
    private final StoredResponses service;

    public GetResponseHandler() {
        this(Services.storedResponses());
    }

    public GetResponseHandler(StoredResponses service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        RetrieveQuery.check(request.query("stream"), request.includes());
        return ApiResponse.ok(service.get(request.tenant(), request.pathParameter("response_id")));
    }
}
