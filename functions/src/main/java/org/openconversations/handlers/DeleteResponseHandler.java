package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openconversations.json.Json;
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
        ObjectNode deleted = Json.object();
        deleted.put("id", id);
        deleted.put("object", "response");
        deleted.put("deleted", true);
        return ApiResponse.ok(Json.write(deleted));
    }
}
