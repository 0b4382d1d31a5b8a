package org.openconversations.handlers;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openconversations.auth.ApiKeyAuthenticator;
import org.openconversations.auth.ApiKeys;
import org.openconversations.auth.DynamoKeyRepository;
import org.openconversations.auth.Pepper;
import org.openconversations.config.Settings;
import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.Conversations;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.responses.Responses;
import org.openconversations.upstream.UpstreamModel;
import org.openconversations.upstream.UpstreamModels;

/**
 * The production object graph, built once per execution environment and only when a handler first needs
 * it. Handlers take these through their second constructor in tests.
 */
final class Services {
    private Services() {}

    static Conversations conversations() {
        return Graph.CONVERSATIONS;
    }

    static ConversationItems conversationItems() {
        return Graph.CONVERSATION_ITEMS;
    }

    static DynamoConversationRepository conversationRows() {
        return Graph.CONVERSATION_ROWS;
    }

    static DynamoItemRepository items() {
        return Graph.ITEMS;
    }

    /**
     * A new authenticator over the configured pepper and keys table, with its own DynamoDB client. Built once
     * per handler instance rather than once per JVM: only the authorizer function uses it (one instance per
     * execution environment on Lambda), and the local gateway may run several configurations in one JVM.
     */
    static ApiKeyAuthenticator newAuthenticator() {
        return new ApiKeyAuthenticator(
                new ApiKeys(Pepper.fromEnvironment()),
                new DynamoKeyRepository(DynamoDb.enhanced(DynamoDb.client(List.of())), Settings.require("KEYS_TABLE")));
    }

    static Responses responses() {
        return ResponsesGraph.RESPONSES;
    }

    private static final class Graph {
        static final DynamoConversationRepository CONVERSATION_ROWS =
                DynamoConversationRepository.fromEnvironment(DynamoDb.enhanced());
        static final DynamoItemRepository ITEMS = DynamoItemRepository.fromEnvironment(DynamoDb.enhanced());
        static final Conversations CONVERSATIONS = new Conversations(CONVERSATION_ROWS, Clock.systemUTC());
        static final ConversationItems CONVERSATION_ITEMS =
                new ConversationItems(CONVERSATIONS, CONVERSATION_ROWS, ITEMS);
    }

    /** Built on the first response created, not at init: the read functions never need it (or its key). */
    private static final class Upstream {
        static final Optional<UpstreamModel> MODEL = UpstreamModels.fromEnvironment();
    }

    /** Only the response functions pay for the responses table. */
    private static final class ResponsesGraph {
        static final Responses RESPONSES = new Responses(
                Graph.CONVERSATION_ROWS,
                Graph.ITEMS,
                DynamoResponseRepository.fromEnvironment(DynamoDb.enhanced()),
                () -> Upstream.MODEL,
                Clock.systemUTC(),
                Duration.ofDays(Long.parseLong(Settings.get("RESPONSE_RETENTION_DAYS", "30"))));
    }
}
