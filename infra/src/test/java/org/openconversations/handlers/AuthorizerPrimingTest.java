package org.openconversations.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconversations.auth.ApiKeys;
import org.openconversations.local.CloudFormationTemplate;
import org.openconversations.local.HandlerEnvironment;
import org.openconversations.local.TemplateLocator;
import org.openconversations.store.TestStore;

/** Priming runs before every snapshot of the deployed authorizer: it must reach the key lookup and allow no one. */
class AuthorizerPrimingTest {
    private static HandlerEnvironment.Applied environment;

    @BeforeAll
    static void configureTheHandlers() {
        // The pepper the local gateway would supply; in AWS the function reads it from Secrets Manager.
        environment = HandlerEnvironment.of(CloudFormationTemplate.load(TemplateLocator.locate()), TestStore.endpoint(),
                Map.of("API_KEY_PEPPER", "a-pepper-for-the-priming-test-0123456789")).apply();
    }

    @AfterAll
    static void restore() {
        environment.close();
    }

    @Test
    void the_priming_key_is_looked_up_and_belongs_to_no_one() {
        // Well formed, so the authorizer hashes it and reads the keys table rather than refusing it unread.
        assertTrue(ApiKeys.isWellFormed(AuthorizerPriming.KEY));

        Map<String, Object> answer = AuthorizerPriming.register(new ApiKeyAuthorizerHandler()).prime();

        assertEquals(Map.of("isAuthorized", true, "context", Map.of("auth_error", "invalid_api_key")), answer);
    }
}
