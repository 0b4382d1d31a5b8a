package org.openconversations.handlers;

import org.openconversations.domain.ConversationItems;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;

/** {@code DELETE /v1/conversations/{conversation_id}/items/{item_id}}: answers with the conversation. */
public final class DeleteItemHandler extends ApiHandler {
    private final ConversationItems service;

    public DeleteItemHandler() {
        this(Services.conversationItems());
    }

    public DeleteItemHandler(ConversationItems service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(WireFormat.conversation(service.delete(request.conversation(), request.pathParameter("item_id"))));
    }
}
