package org.openconversations.handlers;

import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.domain.ItemPage;
import org.openconversations.domain.ListItemsQuery;
import org.openconversations.http.WireFormat;
import org.openconversations.responses.InputItemsPage;
import org.openconversations.responses.StoredResponses;

/** {@code GET /v1/responses/{response_id}/input_items}: the turn's input, paged like conversation items. */
public final class ListInputItemsHandler extends ApiHandler {
    private final StoredResponses service;

    public ListInputItemsHandler() {
        this(Services.storedResponses());
    }

    public ListInputItemsHandler(StoredResponses service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        ListItemsQuery query = ListItemsQuery.parse(
                request.query("after"), request.query("limit"), request.query("order"), request.includes());
        ItemPage page = InputItemsPage.of(service.inputItems(request.tenant(), request.pathParameter("response_id")), query);
        return ApiResponse.ok(WireFormat.itemList(page.items(), page.hasMore()));
    }
}
