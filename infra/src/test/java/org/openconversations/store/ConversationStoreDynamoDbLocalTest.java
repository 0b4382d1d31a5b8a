package org.openconversations.store;

import java.net.URI;

/** The store suite against DynamoDB Local, in process: runs everywhere, no Docker needed. */
class ConversationStoreDynamoDbLocalTest extends ConversationStoreContract {
    @Override
    protected URI endpoint() {
        return TestStore.endpoint();
    }
}
