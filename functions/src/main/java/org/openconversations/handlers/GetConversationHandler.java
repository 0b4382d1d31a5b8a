package org.openconversations.handlers;

import org.openconversations.domain.Conversations;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;

/** {@code GET /v1/conversations/{conversation_id}}. */
public final class GetConversationHandler extends ApiHandler {
    private final Conversations service;

    public GetConversationHandler() {
        this(Services.conversations());
    }

    public GetConversationHandler(Conversations service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(WireFormat.conversation(service.get(request.conversation())));
    }
}
