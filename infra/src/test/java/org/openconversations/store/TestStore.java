package org.openconversations.store;

import java.net.URI;
import org.openconversations.local.CloudFormationTemplate;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.local.LocalDynamoDb;
import org.openconversations.local.TableCreator;
import org.openconversations.local.TemplateLocator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One in-memory DynamoDB Local per test JVM (it takes seconds to start), tables made from template.yaml. */
public final class TestStore {
    public static final String CONVERSATIONS_TABLE = "ConversationsTable";
    public static final String ITEMS_TABLE = "ItemsTable";
    public static final String RESPONSES_TABLE = "ResponsesTable";
    public static final String KEYS_TABLE = "KeysTable";

    private static LocalDynamoDb local;

    private TestStore() {}

    public static synchronized URI endpoint() {
        if (local == null) {
            local = LocalDynamoDb.startInMemory();
            createTables(local.endpoint());
            Runtime.getRuntime().addShutdownHook(new Thread(local::close));
        }
        return local.endpoint();
    }

    public static void createTables(URI endpoint) {
        try (DynamoDbClient client = DynamoDbClients.dynamoDb(endpoint)) {
            new TableCreator(client).createMissing(CloudFormationTemplate.load(TemplateLocator.locate()).tables());
        }
    }
}
