package org.openconversations.handlers;

import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.Includes;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;

/** {@code POST /v1/conversations/{conversation_id}/items}: appends up to 20 items, all or none. */
public final class CreateItemsHandler extends ApiHandler {
    private final ConversationItems service;

    public CreateItemsHandler() {
        this(Services.conversationItems());
    }

    public CreateItemsHandler(ConversationItems service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Includes.parse(request.includes());
        var added = service.add(request.conversation(), request.jsonBody());
        return ApiResponse.ok(WireFormat.itemList(added, false));
    }
}
