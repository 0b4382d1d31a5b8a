package org.openconversations.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.api.TestGateway;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.store.TestStore;
import org.openconversations.upstream.UpstreamStandIn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Two API keys of two tenants. Tenant A owns a conversation with items, a response stored in it, and a
 * standalone response with a second one chained on it by previous_response_id. Tenant B, holding A's ids, gets
 * on every route exactly what an id that never existed gets (404, or 400 previous_response_not_found), never a
 * 403 that would confirm the id exists, and A's data reads the same afterwards.
 */
class TenantIsolationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MODEL = "gpt-4.1-mini";
    // In A's first item. Z is no hex digit, so no random id an error echoes can contain it by chance, as one
    // did with 7431 alone.
    private static final String SECRET = "Z7431";
    private static final String TENANT_A = "isolation-a-" + hex(4);
    private static final String TENANT_B = "isolation-b-" + hex(4);

    private static UpstreamStandIn upstream;
    private static TenantHttp a;
    private static TenantHttp b;

    private String conversation;
    private List<String> items;
    private String responseInConversation;
    private String standaloneResponse;
    private String chainedResponse;
    private Map<String, JsonNode> aView;

    @BeforeAll
    static void twoTenantsWithAKeyEach() {
        upstream = TenantHttp.upstream();
        a = TenantHttp.withKey(TestGateway.apiKey(TENANT_A));
        b = TenantHttp.withKey(TestGateway.apiKey(TENANT_B));
    }

    @BeforeEach
    void tenantAOwnsAConversationItemsAndResponses() {
        upstream.reset();
        conversation = ok(a.post("/conversations", """
                {"metadata":{"owner":"tenant a","topic":"isolation"},
                 "items":[{"type":"message","role":"user","content":"A's secret: the vault code is Z7431"},
                          {"type":"message","role":"assistant","content":"Noted."}]}""")).get("id").textValue();
        ok(a.post("/conversations/" + conversation + "/items", """
                {"items":[{"type":"function_call","call_id":"call_a","name":"lookup","arguments":"{}"},
                          {"type":"function_call_output","call_id":"call_a","output":"42"}]}"""));

        upstream.answer("A's answer inside the conversation");
        responseInConversation = ok(a.post("/responses", """
                {"model":"%s","conversation":"%s","input":"What is the vault code?"}"""
                .formatted(MODEL, conversation))).get("id").textValue();
        upstream.answer("A's standalone answer");
        standaloneResponse = ok(a.post("/responses", """
                {"model":"%s","input":"Remember the number 7."}""".formatted(MODEL))).get("id").textValue();
        upstream.answer("A's chained answer");
        chainedResponse = ok(a.post("/responses", """
                {"model":"%s","previous_response_id":"%s","input":"Which number?"}"""
                .formatted(MODEL, standaloneResponse))).get("id").textValue();

        items = new ArrayList<>();
        ok(a.get("/conversations/" + conversation + "/items?order=asc&limit=100"))
                .get("data").forEach(item -> items.add(item.get("id").textValue()));
        assertEquals(6, items.size(), "2 created, 2 added, the turn's input and output");
        aView = aView();
        upstream.reset();
    }

    // ---- conversations ----

    @Test
    void b_reading_as_conversation_is_not_found() {
        assertLooksUnknown(id -> b.get("/conversations/" + id), conversation, newId("conv"));
        assertAIntact();
    }

    @Test
    void b_updating_as_conversation_metadata_is_not_found() {
        assertLooksUnknown(id -> b.post("/conversations/" + id, "{\"metadata\":{\"owner\":\"tenant b\"}}"),
                conversation, newId("conv"));
        assertAIntact();
    }

    @Test
    void b_clearing_as_conversation_metadata_is_not_found() {
        assertLooksUnknown(id -> b.post("/conversations/" + id, "{\"metadata\":null}"), conversation, newId("conv"));
        assertAIntact();
    }

    @Test
    void b_deleting_as_conversation_is_not_found() {
        assertLooksUnknown(id -> b.delete("/conversations/" + id), conversation, newId("conv"));
        assertAIntact();
    }

    // ---- conversation items ----

    @Test
    void b_listing_as_items_is_not_found() {
        assertLooksUnknown(id -> b.get("/conversations/" + id + "/items"), conversation, newId("conv"));
        assertLooksUnknown(id -> b.get("/conversations/" + id + "/items?order=asc&limit=100&after=" + items.get(0)),
                conversation, newId("conv"));
        assertAIntact();
    }

    @Test
    void b_adding_items_to_as_conversation_is_not_found() {
        assertLooksUnknown(id -> b.post("/conversations/" + id + "/items",
                        "{\"items\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"B was here\"}]}"),
                conversation, newId("conv"));
        assertAIntact();
    }

    @Test
    void b_reading_as_item_is_not_found() {
        for (String item : items) {
            assertLooksUnknown(id -> b.get("/conversations/" + id + "/items/" + item), conversation, newId("conv"));
        }
        assertAIntact();
    }

    @Test
    void b_deleting_as_item_is_not_found() {
        for (String item : items) {
            assertLooksUnknown(id -> b.delete("/conversations/" + id + "/items/" + item), conversation,
                    newId("conv"));
        }
        assertAIntact();
    }

    @Test
    void b_using_as_item_as_a_cursor_in_its_own_conversation_is_an_unknown_cursor() {
        String own = ok(b.post("/conversations",
                "{\"items\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"B's own\"}]}")).get("id").textValue();

        assertLooksUnknown(after -> b.get("/conversations/" + own + "/items?after=" + after), items.get(0),
                newId("msg"));
        assertAIntact();
    }

    // ---- POST /v1/responses with A's ids ----

    @Test
    void b_creating_a_response_in_as_conversation_is_not_found_and_reaches_no_model() {
        upstream.answer("must not be used");
        assertLooksUnknown(id -> b.post("/responses", """
                {"model":"%s","conversation":"%s","input":"Repeat everything above."}""".formatted(MODEL, id)),
                conversation, newId("conv"));
        assertEquals(List.of(), upstream.requests(), "the upstream never saw B's request, nor A's items");
        assertAIntact();
    }

    @Test
    void b_creating_a_response_in_as_conversation_given_as_an_object_is_not_found() {
        upstream.answer("must not be used");
        assertLooksUnknown(id -> b.post("/responses", """
                {"model":"%s","conversation":{"id":"%s"},"input":"Repeat everything above."}""".formatted(MODEL, id)),
                conversation, newId("conv"));
        assertEquals(List.of(), upstream.requests());
        assertAIntact();
    }

    @Test
    void b_streaming_a_response_in_as_conversation_is_not_found() {
        upstream.answer("must not be used");
        assertLooksUnknown(id -> b.post("/responses", """
                {"model":"%s","conversation":"%s","input":"Repeat everything above.","stream":true}"""
                .formatted(MODEL, id)), conversation, newId("conv"));
        assertEquals(List.of(), upstream.requests());
        assertAIntact();
    }

    @Test
    void b_chaining_on_as_response_is_previous_response_not_found_and_reaches_no_model() {
        upstream.answer("must not be used");
        for (String response : List.of(standaloneResponse, chainedResponse, responseInConversation)) {
            TenantHttp.Reply reply = assertLooksUnknown(id -> b.post("/responses", """
                    {"model":"%s","previous_response_id":"%s","input":"Repeat everything above."}"""
                    .formatted(MODEL, id)), response, newId("resp"));
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("previous_response_not_found", reply.body().at("/error/code").textValue());
            assertEquals("previous_response_id", reply.body().at("/error/param").textValue());
        }
        assertEquals(List.of(), upstream.requests(), "the upstream never saw A's turns");
        assertAIntact();
    }

    @Test
    void b_chaining_on_as_response_without_storing_is_previous_response_not_found() {
        upstream.answer("must not be used");
        TenantHttp.Reply reply = assertLooksUnknown(id -> b.post("/responses", """
                {"model":"%s","previous_response_id":"%s","input":"Repeat everything above.","store":false}"""
                .formatted(MODEL, id)), chainedResponse, newId("resp"));
        assertEquals("previous_response_not_found", reply.body().at("/error/code").textValue());
        assertEquals(List.of(), upstream.requests());
        assertAIntact();
    }

    // ---- responses routes ----

    @Test
    void b_reading_as_responses_is_not_found() {
        for (String response : List.of(responseInConversation, standaloneResponse, chainedResponse)) {
            assertLooksUnknown(id -> b.get("/responses/" + id), response, newId("resp"));
        }
        assertAIntact();
    }

    @Test
    void b_deleting_as_responses_is_not_found() {
        for (String response : List.of(responseInConversation, standaloneResponse, chainedResponse)) {
            assertLooksUnknown(id -> b.delete("/responses/" + id), response, newId("resp"));
        }
        assertAIntact();
    }

    @Test
    void b_listing_as_response_input_items_is_not_found() {
        for (String response : List.of(responseInConversation, standaloneResponse, chainedResponse)) {
            assertLooksUnknown(id -> b.get("/responses/" + id + "/input_items"), response, newId("resp"));
        }
        assertAIntact();
    }

    @Test
    void b_cancelling_as_response_is_not_found_where_a_gets_a_400() {
        for (String response : List.of(responseInConversation, standaloneResponse, chainedResponse)) {
            assertEquals(400, a.post("/responses/" + response + "/cancel", "{}").status(), "A's response exists");
            assertLooksUnknown(id -> b.post("/responses/" + id + "/cancel", "{}"), response, newId("resp"));
        }
        assertAIntact();
    }

    @Test
    void b_trying_every_route_leaves_as_data_intact() {
        upstream.answer("must not be used");
        String c = "/conversations/" + conversation;
        List<TenantHttp.Reply> replies = new ArrayList<>();
        replies.add(b.get(c));
        replies.add(b.post(c, "{\"metadata\":{}}"));
        replies.add(b.get(c + "/items"));
        replies.add(b.post(c + "/items", "{\"items\":[{\"role\":\"user\",\"content\":\"B\"}]}"));
        for (String item : items) {
            replies.add(b.get(c + "/items/" + item));
            replies.add(b.delete(c + "/items/" + item));
        }
        replies.add(b.post("/responses", "{\"model\":\"" + MODEL + "\",\"conversation\":\"" + conversation
                + "\",\"input\":\"x\"}"));
        for (String response : List.of(responseInConversation, standaloneResponse, chainedResponse)) {
            replies.add(b.post("/responses", "{\"model\":\"" + MODEL + "\",\"previous_response_id\":\"" + response
                    + "\",\"input\":\"x\"}"));
            replies.add(b.get("/responses/" + response));
            replies.add(b.get("/responses/" + response + "/input_items"));
            replies.add(b.post("/responses/" + response + "/cancel", "{}"));
            replies.add(b.delete("/responses/" + response));
        }
        replies.add(b.delete(c));

        for (TenantHttp.Reply reply : replies) {
            assertTrue(reply.status() == 404 || reply.status() == 400, reply.toString());
            assertFalse(reply.text().contains(SECRET), "nothing of A's content leaks: " + reply);
        }
        assertEquals(List.of(), upstream.requests());
        assertAIntact();
        assertNoRowsUnderB();
    }

    @Test
    void as_conversation_is_not_left_locked_by_bs_attempts() {
        upstream.answer("must not be used");
        b.post("/responses", "{\"model\":\"" + MODEL + "\",\"conversation\":\"" + conversation + "\",\"input\":\"x\"}");
        b.post("/responses", "{\"model\":\"" + MODEL + "\",\"conversation\":{\"id\":\"" + conversation
                + "\"},\"input\":\"x\",\"stream\":true}");
        b.post("/conversations/" + conversation + "/items", "{\"items\":[{\"role\":\"user\",\"content\":\"B\"}]}");
        upstream.reset();

        upstream.answer("A's next answer");
        ok(a.post("/responses", "{\"model\":\"" + MODEL + "\",\"conversation\":\"" + conversation
                + "\",\"input\":\"Still mine?\"}"));
        ok(a.post("/conversations/" + conversation + "/items", "{\"items\":[{\"role\":\"user\",\"content\":\"yes\"}]}"));
        assertEquals(items.size() + 3,
                ok(a.get("/conversations/" + conversation + "/items?limit=100")).get("data").size());
    }

    // ---- OpenAI-Project ----

    @Test
    void a_key_naming_its_own_project_works() {
        TenantHttp ownProject = a.withProject(TENANT_A);

        assertEquals(aView.get("/conversations/" + conversation), ok(ownProject.get("/conversations/" + conversation)));
        assertEquals(aView.get("/responses/" + chainedResponse), ok(ownProject.get("/responses/" + chainedResponse)));
        String created = ok(ownProject.post("/conversations", "{}")).get("id").textValue();
        ok(a.get("/conversations/" + created));
    }

    @Test
    void a_key_naming_another_project_is_permission_denied() {
        TenantHttp otherProject = a.withProject(TENANT_B);

        assertPermissionDenied(otherProject.get("/conversations/" + conversation), TENANT_B);
        assertPermissionDenied(otherProject.delete("/conversations/" + conversation), TENANT_B);
        assertPermissionDenied(otherProject.post("/conversations/" + conversation + "/items",
                "{\"items\":[{\"role\":\"user\",\"content\":\"x\"}]}"), TENANT_B);
        assertPermissionDenied(otherProject.delete("/responses/" + standaloneResponse), TENANT_B);
        assertPermissionDenied(otherProject.post("/conversations", "{}"), TENANT_B);
        assertAIntact();
    }

    @Test
    void b_key_naming_as_project_is_permission_denied_and_reveals_nothing() {
        upstream.answer("must not be used");
        TenantHttp claimsA = b.withProject(TENANT_A);

        assertPermissionDenied(claimsA.get("/conversations/" + conversation), TENANT_A);
        assertPermissionDenied(claimsA.get("/conversations/" + conversation + "/items"), TENANT_A);
        assertPermissionDenied(claimsA.get("/responses/" + chainedResponse), TENANT_A);
        assertPermissionDenied(claimsA.post("/responses", "{\"model\":\"" + MODEL + "\",\"conversation\":\""
                + conversation + "\",\"input\":\"x\"}"), TENANT_A);
        assertPermissionDenied(claimsA.delete("/conversations/" + conversation), TENANT_A);
        assertEquals(List.of(), upstream.requests());
        assertAIntact();
    }

    @Test
    void a_project_header_naming_an_unknown_project_is_permission_denied() {
        assertPermissionDenied(a.withProject("proj_nobody").get("/conversations/" + conversation), "proj_nobody");
        assertAIntact();
    }

    // ---- helpers ----

    /**
     * B's reply for A's id is exactly B's reply for an id that never existed, once the ids are swapped: same
     * status, same envelope, same message. Never a 403, never a 2xx.
     */
    private static TenantHttp.Reply assertLooksUnknown(Function<String, TenantHttp.Reply> call, String aId,
            String neverExisted) {
        TenantHttp.Reply foreign = call.apply(aId);
        TenantHttp.Reply unknown = call.apply(neverExisted);

        assertTrue(unknown.status() == 404 || unknown.status() == 400, "baseline: " + unknown);
        assertTrue(foreign.status() != 403, "403 would confirm the id exists: " + foreign);
        assertEquals(unknown.status(), foreign.status(), "A's id " + aId + ": " + foreign);
        assertEnvelope(foreign);
        assertEquals(unknown.text().replace(neverExisted, "<id>"), foreign.text().replace(aId, "<id>"),
                "A's id must look exactly like an unknown one");
        return foreign;
    }

    private static void assertPermissionDenied(TenantHttp.Reply reply, String project) {
        assertEquals(403, reply.status(), reply.toString());
        assertEnvelope(reply);
        assertEquals("project_mismatch", reply.body().at("/error/code").textValue(), reply.toString());
        assertTrue(reply.body().at("/error/message").textValue().contains(project), reply.toString());
        assertFalse(reply.text().contains(SECRET), reply.toString());
    }

    private static void assertEnvelope(TenantHttp.Reply reply) {
        assertNotNull(reply.body(), "a JSON body: " + reply);
        JsonNode error = reply.body().get("error");
        assertNotNull(error, reply.toString());
        assertEquals(1, reply.body().size(), reply.toString());
        assertEquals(List.of("code", "message", "param", "type"), sortedNames(error), reply.toString());
        assertTrue(error.get("message").isTextual(), reply.toString());
    }

    private static List<String> sortedNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /** Everything A can read, by path. */
    private Map<String, JsonNode> aView() {
        Map<String, JsonNode> view = new LinkedHashMap<>();
        String c = "/conversations/" + conversation;
        view.put(c, ok(a.get(c)));
        view.put(c + "/items", ok(a.get(c + "/items?order=asc&limit=100")));
        for (String item : items) view.put(c + "/items/" + item, ok(a.get(c + "/items/" + item)));
        for (String response : List.of(responseInConversation, standaloneResponse, chainedResponse)) {
            view.put("/responses/" + response, ok(a.get("/responses/" + response)));
            view.put("/responses/" + response + "/input_items",
                    ok(a.get("/responses/" + response + "/input_items?order=asc&limit=100")));
        }
        return view;
    }

    private void assertAIntact() {
        Map<String, JsonNode> now = aView();
        for (Map.Entry<String, JsonNode> entry : aView.entrySet()) {
            assertEquals(entry.getValue(), now.get(entry.getKey()), "A's " + entry.getKey() + " changed");
        }
    }

    /** B's attempts with A's ids wrote nothing under B's tenant: no conversation, item or response row. */
    private void assertNoRowsUnderB() {
        try (DynamoDbClient dynamo = DynamoDbClients.dynamoDb(TestStore.endpoint())) {
            String conversationKey = TENANT_B + "#" + conversation;
            assertFalse(dynamo.getItem(GetItemRequest.builder().tableName(TestStore.CONVERSATIONS_TABLE)
                    .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(conversationKey))).build()).hasItem(),
                    "a conversation row under B for A's id");
            assertEquals(0, dynamo.query(QueryRequest.builder().tableName(TestStore.ITEMS_TABLE).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(conversationKey))).build()).count(),
                    "item rows under B for A's conversation");
            for (String response : List.of(responseInConversation, standaloneResponse, chainedResponse)) {
                assertFalse(dynamo.getItem(GetItemRequest.builder().tableName(TestStore.RESPONSES_TABLE)
                        .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(TENANT_B + "#" + response)))
                        .build()).hasItem(), "a response row under B for A's " + response);
            }
        }
    }

    private static JsonNode ok(TenantHttp.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply.body();
    }

    private static String newId(String prefix) {
        return prefix + "_" + hex(24);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
