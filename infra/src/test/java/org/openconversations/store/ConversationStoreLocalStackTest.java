package org.openconversations.store;

import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same store suite against LocalStack's DynamoDB, a second independent implementation of its API.
 * Needs a Docker engine; without one JUnit reports the class as skipped, which is not a pass.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConversationStoreLocalStackTest extends ConversationStoreContract {
    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.9")).withServices("dynamodb");

    @BeforeAll
    static void createTables() {
        TestStore.createTables(LOCALSTACK.getEndpoint());
    }

    @Override
    protected URI endpoint() {
        return LOCALSTACK.getEndpoint();
    }
}
