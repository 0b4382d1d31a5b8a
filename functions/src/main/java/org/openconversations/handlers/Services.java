package org.openconversations.handlers;

import java.time.Clock;
import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.Conversations;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.DynamoItemRepository;

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

    static DynamoItemRepository items() {
        return Graph.ITEMS;
    }

    private static final class Graph {
        static final DynamoConversationRepository CONVERSATION_ROWS =
                DynamoConversationRepository.fromEnvironment(DynamoDb.enhanced());
        static final DynamoItemRepository ITEMS = DynamoItemRepository.fromEnvironment(DynamoDb.enhanced());
        static final Conversations CONVERSATIONS = new Conversations(CONVERSATION_ROWS, Clock.systemUTC());
        static final ConversationItems CONVERSATION_ITEMS =
                new ConversationItems(CONVERSATIONS, CONVERSATION_ROWS, ITEMS);
    }
}
