package org.openconversations.handlers;

import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.ItemPage;
import org.openconversations.domain.ListItemsQuery;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;

/** {@code GET /v1/conversations/{conversation_id}/items}: one page, keyset-paginated by {@code after}. */
public final class ListItemsHandler extends ApiHandler {
    private final ConversationItems service;

    public ListItemsHandler() {
        this(Services.conversationItems());
    }

    public ListItemsHandler(ConversationItems service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        ListItemsQuery query = ListItemsQuery.parse(
                request.query("after"), request.query("limit"), request.query("order"), request.includes());
        ItemPage page = service.list(request.conversation(), query);
        return ApiResponse.ok(WireFormat.itemList(page.items(), page.hasMore()));
    }
}
