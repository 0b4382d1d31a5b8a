package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.domain.Includes;
import org.openconversations.json.Json;
import org.openconversations.responses.Responses;

/** {@code GET /v1/responses/{response_id}}: a stored response, until it expires. */
public final class GetResponseHandler extends ApiHandler {
    private final Responses service;

    public GetResponseHandler() {
        this(Services.responses());
    }

    public GetResponseHandler(Responses service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Includes.parse(request.includes());
        return ApiResponse.ok(Json.write(service.get(request.tenant(), request.pathParameter("response_id"))));
    }
}
