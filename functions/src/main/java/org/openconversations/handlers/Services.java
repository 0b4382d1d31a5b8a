package org.openconversations.handlers;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openconversations.auth.ApiKeyAuthenticator;
import org.openconversations.auth.ApiKeys;
import org.openconversations.auth.DynamoKeyRepository;
import org.openconversations.auth.Pepper;
import org.openconversations.compaction.CompactionItems;
import org.openconversations.config.Settings;
import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.Conversations;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.responses.ContextCompaction;
import org.openconversations.responses.InputTokens;
import org.openconversations.responses.Responses;
import org.openconversations.responses.StoredResponses;
import org.openconversations.tokens.ModelProfiles;
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

    /** For the purge function, which no caller waits on: over the client with DynamoDB's own, longer retries. */
    static DynamoConversationRepository purgeConversationRows() {
        return PurgeGraph.CONVERSATION_ROWS;
    }

    static DynamoItemRepository purgeItems() {
        return PurgeGraph.ITEMS;
    }

    /**
     * A new authenticator over the configured pepper and keys table, with its own DynamoDB client. Built once
     * per handler instance rather than once per JVM: only the authorizer function uses it (one instance per
     * execution environment on Lambda), and the local gateway may run several configurations in one JVM.
     */
    static ApiKeyAuthenticator newAuthenticator() {
        return new ApiKeyAuthenticator(
                new ApiKeys(Pepper.fromEnvironment()),
                new DynamoKeyRepository(DynamoDb.client(List.of()), Settings.require("KEYS_TABLE")));
    }

    static Responses responses() {
        return ResponsesGraph.RESPONSES;
    }

    static StoredResponses storedResponses() {
        return ResponseRows.STORED;
    }

    static InputTokens inputTokens() {
        return ResponsesGraph.INPUT_TOKENS;
    }

    static ContextCompaction contextCompaction() {
        return ResponsesGraph.CONTEXT_COMPACTION;
    }

    /** Verifies compaction items handed to the conversation routes; reads its key only when it meets one. */
    static CompactionItems compactionItems() {
        return Graph.COMPACTION_ITEMS;
    }

    private static final class PurgeGraph {
        static final DynamoConversationRepository CONVERSATION_ROWS =
                DynamoConversationRepository.fromEnvironment(DynamoDb.background());
        static final DynamoItemRepository ITEMS = DynamoItemRepository.fromEnvironment(DynamoDb.background());
    }

    private static final class Graph {
        static final DynamoConversationRepository CONVERSATION_ROWS =
                DynamoConversationRepository.fromEnvironment(DynamoDb.shared());
        static final DynamoItemRepository ITEMS = DynamoItemRepository.fromEnvironment(DynamoDb.shared());
        static final CompactionItems COMPACTION_ITEMS = CompactionItems.fromEnvironment();
        static final Conversations CONVERSATIONS =
                new Conversations(CONVERSATION_ROWS, COMPACTION_ITEMS, Clock.systemUTC());
        static final ConversationItems CONVERSATION_ITEMS =
                new ConversationItems(CONVERSATIONS, CONVERSATION_ROWS, ITEMS, COMPACTION_ITEMS);
    }

    /** Built on the first response created, not at init: the read functions never need it (or its key). */
    private static final class Upstream {
        static final Optional<UpstreamModel> MODEL = UpstreamModels.fromEnvironment();
    }

    /** Only the response functions pay for the responses table. */
    private static final class ResponseRows {
        static final DynamoResponseRepository ROWS = DynamoResponseRepository.fromEnvironment(DynamoDb.shared());
        static final StoredResponses STORED = new StoredResponses(ROWS, Clock.systemUTC());
    }

    /**
     * Only the functions that create responses, count or compact input pay for the conversation graph and the
     * model profiles: those that read stored responses take {@link ResponseRows} alone.
     */
    private static final class ResponsesGraph {
        static final ModelProfiles PROFILES = ModelProfiles.fromEnvironment();
        static final Responses RESPONSES = new Responses(
                Graph.CONVERSATION_ROWS,
                Graph.ITEMS,
                ResponseRows.ROWS,
                Graph.COMPACTION_ITEMS,
                PROFILES,
                () -> Upstream.MODEL,
                Clock.systemUTC(),
                Duration.ofDays(Long.parseLong(Settings.get("RESPONSE_RETENTION_DAYS", "30"))));
        static final InputTokens INPUT_TOKENS = new InputTokens(Graph.CONVERSATION_ROWS, Graph.ITEMS,
                ResponseRows.ROWS, Graph.COMPACTION_ITEMS, PROFILES, Clock.systemUTC());
        static final ContextCompaction CONTEXT_COMPACTION = new ContextCompaction(Graph.ITEMS, ResponseRows.ROWS,
                Graph.COMPACTION_ITEMS, PROFILES, () -> Upstream.MODEL, Clock.systemUTC());
    }
}
