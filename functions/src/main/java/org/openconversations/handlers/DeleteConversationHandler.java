package org.openconversations.handlers;

import org.openconversations.domain.Conversations;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;

/** {@code DELETE /v1/conversations/{conversation_id}}: gone at once; its items are purged from the stream. */
public final class DeleteConversationHandler extends ApiHandler {
    private final Conversations service;

    public DeleteConversationHandler() {
        this(Services.conversations());
    }

    public DeleteConversationHandler(Conversations service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        service.delete(request.conversation());
        return ApiResponse.ok(WireFormat.deletedConversation(request.conversation().conversationId()));
    }
}
