package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.domain.ConversationKey;
import org.openconversations.domain.Ids;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.Json;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.tokens.ModelProfiles;

/**
 * {@code POST /v1/responses/input_tokens}: the tokens of exactly the context {@code POST /v1/responses} would
 * send for the same body, read and fitted the same way, so truncation is applied and an overflow without it
 * is the same 400.
 */
public final class InputTokens {
    private final DynamoConversationRepository conversations;
    private final ContextLoader contexts;

    public InputTokens(DynamoConversationRepository conversations, DynamoItemRepository items,
            DynamoResponseRepository responses, CompactionItems compactions, ModelProfiles profiles, Clock clock) {
        this.conversations = conversations;
        this.contexts = new ContextLoader(items, responses, compactions, profiles, clock);
    }

    public ObjectNode count(String tenant, JsonNode body) {
        CreateResponseRequest request = CreateResponseRequest.parse(body, CreateResponseRequest.Kind.COUNT);
        ContextFit.Fitted context;
        if (request.conversationId() != null) {
            ConversationKey key = new ConversationKey(tenant, request.conversationId());
            if (!Ids.isStorable(key.conversationId()) || conversations.find(key.partitionKey()).isEmpty()) {
                throw NotFoundException.conversation(key.conversationId(), "conversation");
            }
            context = contexts.conversation(tenant, key.partitionKey(), request, request.truncates());
        } else {
            context = contexts.chain(tenant, request, request.truncates());
        }
        ObjectNode count = Json.object();
        count.put("object", "response.input_tokens");
        count.put("input_tokens", context.tokens());
        return count;
    }
}
