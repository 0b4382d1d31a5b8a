package org.openconversations.handlers;

import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.Includes;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;

/** {@code GET /v1/conversations/{conversation_id}/items/{item_id}}. */
public final class GetItemHandler extends ApiHandler {
    private final ConversationItems service;

    public GetItemHandler() {
        this(Services.conversationItems());
    }

    public GetItemHandler(ConversationItems service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Includes.parse(request.includes());
        return ApiResponse.ok(WireFormat.item(service.get(request.conversation(), request.pathParameter("item_id"))));
    }
}
