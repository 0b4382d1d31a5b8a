package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;
import org.openconversations.responses.StoredResponses;

/** {@code DELETE /v1/responses/{response_id}}: answers {@code {id, object:"response", deleted:true}}. */
public final class DeleteResponseHandler extends ApiHandler {
    private final StoredResponses service;

    public DeleteResponseHandler() {
        this(Services.storedResponses());
    }

    public DeleteResponseHandler(StoredResponses service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        String id = request.pathParameter("response_id");
        service.delete(request.tenant(), id);
        return ApiResponse.ok(WireFormat.deletedResponse(id));
    }
}
