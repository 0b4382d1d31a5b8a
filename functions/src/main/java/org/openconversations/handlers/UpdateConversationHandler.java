package org.openconversations.handlers;

import org.openconversations.domain.Conversations;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;

/** {@code POST /v1/conversations/{conversation_id}}: replaces the metadata. */
public final class UpdateConversationHandler extends ApiHandler {
    private final Conversations service;

    public UpdateConversationHandler() {
        this(Services.conversations());
    }

    public UpdateConversationHandler(Conversations service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(WireFormat.conversation(service.updateMetadata(request.conversation(), request.jsonBody())));
    }
}
