package org.openconversations.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconversations.local.CloudFormationTemplate;
import org.openconversations.local.FunctionDefinition;
import org.openconversations.local.HandlerEnvironment;
import org.openconversations.local.TemplateLocator;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.TestStore;

/** Priming runs before every snapshot of a deployed function: it must reach the route's code and change nothing. */
class SnapStartPrimingTest {
    private static HandlerEnvironment.Applied environment;
    private static CloudFormationTemplate template;

    @BeforeAll
    static void configureTheHandlers() {
        template = CloudFormationTemplate.load(TemplateLocator.locate());
        environment = HandlerEnvironment.of(template, TestStore.endpoint()).apply();
    }

    @AfterAll
    static void restore() {
        environment.close();
    }

    @Test
    void every_route_answers_its_priming_request_with_a_refusal_and_stores_nothing() throws Exception {
        List<String> primed = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            if (function.httpApiEvents().isEmpty()) continue;
            Class<?> type = Class.forName(function.handlerClassName());
            if (!ApiHandler.class.isAssignableFrom(type)) continue;
            ApiHandler handler = (ApiHandler) type.getDeclaredConstructor().newInstance();
            int status = SnapStartPriming.register(handler).prime();
            assertTrue(status == 400 || status == 404, function.logicalId() + " answered its priming with " + status);
            primed.add(function.logicalId());
        }
        assertFalse(primed.isEmpty());
        String pk = SnapStartPriming.TENANT + "#conv_snapstartpriming";
        assertTrue(DynamoConversationRepository.fromEnvironment(DynamoDb.shared()).find(pk).isEmpty(), "conversation row");
        assertTrue(DynamoItemRepository.fromEnvironment(DynamoDb.shared()).page(pk, null, 1, true).rows().isEmpty(),
                "item rows");
    }
}
