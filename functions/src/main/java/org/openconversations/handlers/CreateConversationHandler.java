package org.openconversations.handlers;

import org.openconversations.domain.Conversations;
import org.openconversations.http.ApiHandler;
import org.openconversations.http.ApiRequest;
import org.openconversations.http.ApiResponse;
import org.openconversations.http.WireFormat;

/** {@code POST /v1/conversations}: a conversation with optional metadata and up to 20 first items. */
public final class CreateConversationHandler extends ApiHandler {
    private final Conversations service;

    public CreateConversationHandler() {
        this(Services.conversations());
    }

    public CreateConversationHandler(Conversations service) {
        this.service = service;
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(WireFormat.conversation(service.create(request.tenant(), request.optionalJsonBody())));
    }
}
