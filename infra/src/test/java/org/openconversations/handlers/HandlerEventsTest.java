package org.openconversations.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.openconversations.auth.ApiKeyAuthenticator;
import org.openconversations.auth.ApiKeys;
import org.openconversations.auth.DynamoKeyRepository;
import org.openconversations.auth.KeyRecord;
import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.ConversationKey;
import org.openconversations.compaction.TestCompaction;
import org.openconversations.domain.Conversations;
import org.openconversations.domain.ListItemsQuery;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.Json;
import org.openconversations.tokens.ModelProfiles;
import org.openconversations.responses.ContextCompaction;
import org.openconversations.responses.InputTokens;
import org.openconversations.tokens.TokenCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.openconversations.store.ConversationRecord;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.TestStore;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.store.ResponseRecord;
import org.openconversations.responses.Responses;
import org.openconversations.responses.StoredResponses;

/**
 * Each events/ file, as {@code sam local invoke} would send it, through its handler against DynamoDB Local.
 * The files name a fixed conversation and item, which each test seeds afresh.
 */
class HandlerEventsTest {
    static final String CONVERSATION_ID = "conv_6a391904fa0881959e29bbe877b0a89e0b9f20d6673d9ef6";
    static final String ITEM_ID = "msg_68d2a1b4c0e48195a3b1c2d3e4f5061728394a5b6c7d8e9f";
    static final ConversationKey SEEDED = new ConversationKey("default", CONVERSATION_ID);
    static final String RESPONSE_ID = "resp_68d7a1b4c0e48195a3b1c2d3e4f5061728394a5b6c7d8e9f";
    static final String RESPONSE_INPUT_ID = "msg_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071";

    private DynamoConversationRepository conversationRows;
    private DynamoItemRepository itemRows;
    private Conversations conversations;
    private ConversationItems items;
    private Responses responses;
    private StoredResponses stored;
    private DynamoDbClient dynamoDb;

    @BeforeEach
    void seedTheConversationTheEventsName() {
        dynamoDb = DynamoDb.client(TestStore.endpoint().toString(), List.of());
        conversationRows = new DynamoConversationRepository(dynamoDb, TestStore.CONVERSATIONS_TABLE, TestStore.ITEMS_TABLE);
        itemRows = new DynamoItemRepository(dynamoDb, TestStore.ITEMS_TABLE);
        conversations = new Conversations(conversationRows, TestCompaction.items(), Clock.systemUTC());
        items = new ConversationItems(conversations, conversationRows, itemRows, TestCompaction.items());

        // Overwritten rather than deleted and recreated: a delete would send a REMOVE down the table stream,
        // which the shared gateway's poller purges asynchronously, racing this setup.
        itemRows.purge(SEEDED.partitionKey());
        ConversationRecord seeded = new ConversationRecord();
        seeded.setPk(SEEDED.partitionKey());
        seeded.setId(CONVERSATION_ID);
        seeded.setCreatedAt(1_795_345_200L);
        seeded.setMetadata(Map.of("topic", "demo"));
        seeded.setNextSeq(1L);
        if (conversationRows.find(SEEDED.partitionKey()).isEmpty()) {
            conversationRows.create(seeded, List.of());
        } else {
            conversationRows.replaceMetadata(SEEDED.partitionKey(), Map.of("topic", "demo"));
        }
        items.add(SEEDED, Json.parse("{\"items\":[{\"id\":\"" + ITEM_ID + "\",\"role\":\"user\",\"content\":\"seeded\"}]}"));

        DynamoResponseRepository responseRows = new DynamoResponseRepository(dynamoDb, TestStore.RESPONSES_TABLE);
        responses = new Responses(conversationRows, itemRows, responseRows, TestCompaction.items(),
                ModelProfiles.defaults(), Optional::empty, Clock.systemUTC(),
                Duration.ofDays(30));
        stored = new StoredResponses(responseRows, Clock.systemUTC());
        ResponseRecord response = new ResponseRecord();
        response.setPk("default#" + RESPONSE_ID);
        response.setBody("{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"response\",\"status\":\"completed\","
                + "\"output\":[]}");
        response.setInputItems("[{\"type\":\"message\",\"id\":\"" + RESPONSE_INPUT_ID + "\",\"status\":\"completed\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]");
        response.setExpiresAt(Instant.now().plus(Duration.ofDays(1)).getEpochSecond());
        responseRows.put(response);
    }

    @ParameterizedTest
    @Event(value = "events/create-response.json", type = APIGatewayV2HTTPEvent.class)
    void create_response_event_without_an_upstream_says_what_to_configure(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = new CreateResponseHandler(responses).handleRequest(event, null);

        assertEquals(503, response.getStatusCode());
        assertEquals("upstream_not_configured", Json.parse(response.getBody()).at("/error/code").textValue());
    }

    @ParameterizedTest
    @Event(value = "events/count-input-tokens.json", type = APIGatewayV2HTTPEvent.class)
    void count_input_tokens_event_counts_the_conversation_and_the_new_input(APIGatewayV2HTTPEvent event) {
        InputTokens counter = new InputTokens(conversationRows, itemRows,
                new DynamoResponseRepository(dynamoDb, TestStore.RESPONSES_TABLE), TestCompaction.items(),
                ModelProfiles.defaults(), Clock.systemUTC());
        JsonNode body = ok(new CountInputTokensHandler(counter).handleRequest(event, null));

        assertEquals("response.input_tokens", body.get("object").textValue());
        // The seeded item "seeded" (user) and the event's input: framing, roles and both texts.
        assertTrue(body.get("input_tokens").intValue() > 2 * TokenCounter.PER_ITEM + TokenCounter.REPLY_PRIMING,
                body.toString());
    }

    @ParameterizedTest
    @Event(value = "events/compact-response.json", type = APIGatewayV2HTTPEvent.class)
    void compact_response_event_without_an_upstream_says_what_to_configure(APIGatewayV2HTTPEvent event) {
        ContextCompaction compaction = new ContextCompaction(itemRows,
                new DynamoResponseRepository(dynamoDb, TestStore.RESPONSES_TABLE), TestCompaction.items(),
                ModelProfiles.defaults(), Optional::empty, Clock.systemUTC());
        APIGatewayV2HTTPResponse response = new CompactResponseHandler(compaction).handleRequest(event, null);

        assertEquals(503, response.getStatusCode());
        assertEquals("upstream_not_configured", Json.parse(response.getBody()).at("/error/code").textValue());
    }

    @ParameterizedTest
    @Event(value = "events/get-response.json", type = APIGatewayV2HTTPEvent.class)
    void get_response_event_returns_the_stored_response(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new GetResponseHandler(stored).handleRequest(event, null));

        assertEquals(RESPONSE_ID, body.get("id").textValue());
        assertEquals("response", body.get("object").textValue());
    }

    @ParameterizedTest
    @Event(value = "events/delete-response.json", type = APIGatewayV2HTTPEvent.class)
    void delete_response_event_deletes_it(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new DeleteResponseHandler(stored).handleRequest(event, null));

        assertEquals(Json.parse("{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"response\",\"deleted\":true}"), body);
        assertThrows(NotFoundException.class, () -> stored.get("default", RESPONSE_ID));
    }

    @ParameterizedTest
    @Event(value = "events/list-input-items.json", type = APIGatewayV2HTTPEvent.class)
    void list_input_items_event_lists_the_turns_input(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new ListInputItemsHandler(stored).handleRequest(event, null));

        assertEquals(RESPONSE_INPUT_ID, body.at("/data/0/id").textValue());
        assertEquals(RESPONSE_INPUT_ID, body.get("last_id").textValue());
        assertFalse(body.get("has_more").booleanValue());
    }

    @ParameterizedTest
    @Event(value = "events/cancel-response.json", type = APIGatewayV2HTTPEvent.class)
    void cancel_response_event_is_refused_for_a_response_that_was_not_background(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = new CancelResponseHandler(stored).handleRequest(event, null);

        assertEquals(400, response.getStatusCode());
        assertEquals("invalid_request_error", Json.parse(response.getBody()).at("/error/type").textValue());
    }

    @ParameterizedTest
    @Event(value = "events/create-conversation.json", type = APIGatewayV2HTTPEvent.class)
    void create_conversation_event_creates_a_conversation_with_its_first_item(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new CreateConversationHandler(conversations).handleRequest(event, null));

        assertEquals("conversation", body.get("object").textValue());
        assertEquals("demo", body.at("/metadata/topic").textValue());
        var created = new ConversationKey("default", body.get("id").textValue());
        var page = items.list(created, new ListItemsQuery(null, 20, true, List.of()));
        assertEquals("Hello!", Json.parse(page.items().getFirst().json()).at("/content/0/text").textValue());
    }

    @ParameterizedTest
    @Event(value = "events/get-conversation.json", type = APIGatewayV2HTTPEvent.class)
    void get_conversation_event_returns_the_conversation(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new GetConversationHandler(conversations).handleRequest(event, null));

        assertEquals(Json.parse("{\"id\":\"" + CONVERSATION_ID + "\",\"object\":\"conversation\","
                + "\"created_at\":1795345200,\"metadata\":{\"topic\":\"demo\"}}"), body);
    }

    @ParameterizedTest
    @Event(value = "events/update-conversation.json", type = APIGatewayV2HTTPEvent.class)
    void update_conversation_event_replaces_the_metadata(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new UpdateConversationHandler(conversations).handleRequest(event, null));

        assertEquals(Json.parse("{\"topic\":\"project-x\"}"), body.get("metadata"));
    }

    @ParameterizedTest
    @Event(value = "events/delete-conversation.json", type = APIGatewayV2HTTPEvent.class)
    void delete_conversation_event_deletes_it(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new DeleteConversationHandler(conversations).handleRequest(event, null));

        assertEquals(Json.parse("{\"id\":\"" + CONVERSATION_ID + "\",\"object\":\"conversation.deleted\","
                + "\"deleted\":true}"), body);
        assertThrows(NotFoundException.class, () -> conversations.get(SEEDED));
    }

    @ParameterizedTest
    @Event(value = "events/create-items.json", type = APIGatewayV2HTTPEvent.class)
    void create_items_event_answers_with_the_added_items(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new CreateItemsHandler(items).handleRequest(event, null));

        assertEquals("list", body.get("object").textValue());
        assertEquals(2, body.get("data").size());
        assertEquals("assistant", body.at("/data/1/role").textValue());
        assertEquals(body.at("/data/0/id"), body.get("first_id"));
        assertEquals(body.at("/data/1/id"), body.get("last_id"));
        assertFalse(body.get("has_more").booleanValue());
    }

    @ParameterizedTest
    @Event(value = "events/list-items.json", type = APIGatewayV2HTTPEvent.class)
    void list_items_event_lists_the_items_in_order(APIGatewayV2HTTPEvent event) {
        items.add(SEEDED, Json.parse("{\"items\":[{\"role\":\"assistant\",\"content\":\"second\"}]}"));

        JsonNode body = ok(new ListItemsHandler(items).handleRequest(event, null));

        assertEquals(ITEM_ID, body.at("/data/0/id").textValue());
        assertEquals("second", body.at("/data/1/content/0/text").textValue());
        assertFalse(body.get("has_more").booleanValue());
    }

    @ParameterizedTest
    @Event(value = "events/get-item.json", type = APIGatewayV2HTTPEvent.class)
    void get_item_event_returns_the_item(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new GetItemHandler(items).handleRequest(event, null));

        assertEquals(Json.parse("{\"type\":\"message\",\"id\":\"" + ITEM_ID + "\",\"status\":\"completed\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"seeded\"}]}"), body);
    }

    @ParameterizedTest
    @Event(value = "events/delete-item.json", type = APIGatewayV2HTTPEvent.class)
    void delete_item_event_answers_with_the_conversation(APIGatewayV2HTTPEvent event) {
        JsonNode body = ok(new DeleteItemHandler(items).handleRequest(event, null));

        assertEquals("conversation", body.get("object").textValue());
        assertEquals(CONVERSATION_ID, body.get("id").textValue());
        assertThrows(NotFoundException.class, () -> items.get(SEEDED, ITEM_ID));
    }

    @ParameterizedTest
    @Event(value = "events/route-not-found.json", type = APIGatewayV2HTTPEvent.class)
    void route_not_found_event_answers_the_invalid_url_envelope(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = new RouteNotFoundHandler().handleRequest(event, null);

        assertEquals(404, response.getStatusCode());
        assertEquals(Json.parse("{\"error\":{\"message\":\"Invalid URL (GET /v1/conversation)\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"), Json.parse(response.getBody()));
    }

    @ParameterizedTest
    @Event(value = "events/purge-deleted-conversation.json", type = DynamodbEvent.class)
    void purge_event_deletes_the_items_of_the_removed_conversation(DynamodbEvent event) {
        conversations.delete(SEEDED);

        var response = new PurgeDeletedConversationHandler(conversationRows, itemRows).handleRequest(event, null);

        assertEquals(List.of(), response.getBatchItemFailures());
        assertFalse(itemRows.findSeq(SEEDED.partitionKey(), ITEM_ID).isPresent());
    }

    @ParameterizedTest
    @Event(value = "events/authorize.json", type = APIGatewayV2CustomAuthorizerEvent.class)
    void authorize_event_with_a_live_key_passes_its_tenant_to_the_routes(APIGatewayV2CustomAuthorizerEvent event) {
        ApiKeys keys = new ApiKeys(randomPepper());
        DynamoKeyRepository repository = keyRepository();
        String key = event.getIdentitySource().getFirst().substring("Bearer ".length());
        KeyRecord record = new KeyRecord();
        record.setKeyHash(keys.hash(key));
        record.setKind(KeyRecord.KIND);
        record.setPrefix(ApiKeys.shown(key));
        record.setTenant("default");
        record.setCreatedAt(1_795_345_200L);
        repository.create(record);

        Map<String, Object> answer = new ApiKeyAuthorizerHandler(new ApiKeyAuthenticator(keys, repository))
                .handleRequest(event, null);

        assertEquals(Map.of("isAuthorized", true, "context", Map.of("tenant", "default")), answer);
    }

    @ParameterizedTest
    @Event(value = "events/authorize.json", type = APIGatewayV2CustomAuthorizerEvent.class)
    void authorize_event_with_an_unknown_key_allows_with_an_auth_error_for_the_route_to_answer(
            APIGatewayV2CustomAuthorizerEvent event) {
        // Nothing stored under this pepper: the event's key is unknown.
        Map<String, Object> answer = new ApiKeyAuthorizerHandler(
                new ApiKeyAuthenticator(new ApiKeys(randomPepper()), keyRepository())).handleRequest(event, null);

        assertEquals(Map.of("isAuthorized", true, "context", Map.of("auth_error", "invalid_api_key")), answer);
    }

    private static DynamoKeyRepository keyRepository() {
        return new DynamoKeyRepository(DynamoDb.client(TestStore.endpoint().toString(), List.of()),
                TestStore.KEYS_TABLE);
    }

    /** A pepper of this test alone, so the fixed key of the event file hashes to a row no other test wrote. */
    private static byte[] randomPepper() {
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        return pepper;
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("content-type"));
        return Json.parse(response.getBody());
    }
}
