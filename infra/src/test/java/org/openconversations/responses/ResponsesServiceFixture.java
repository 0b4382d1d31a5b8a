package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openconversations.domain.Conversation;
import org.openconversations.domain.ConversationItems;
import org.openconversations.domain.ConversationKey;
import org.openconversations.compaction.TestCompaction;
import org.openconversations.domain.Conversations;
import org.openconversations.json.Json;
import org.openconversations.store.ConversationRecord;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.store.ItemRecord;
import org.openconversations.store.ItemRows;
import org.openconversations.store.ResponseRecord;
import org.openconversations.store.TestStore;
import org.openconversations.tokens.ModelProfiles;
import org.openconversations.upstream.ApiKeySource;
import org.openconversations.upstream.ChatCompletionsModel;
import org.openconversations.upstream.ResponsesApiModel;
import org.openconversations.upstream.UpstreamHttp;
import org.openconversations.upstream.UpstreamModel;
import org.openconversations.upstream.UpstreamStandIn;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Responses service as the function builds it, without the gateway: real repositories over DynamoDB Local
 * (TestStore), the real upstream model classes over HTTP against a stand-in server, and a clock the test moves.
 * Every test gets its own tenant, so rows of other tests never show up in what a test counts.
 */
abstract class ResponsesServiceFixture {
    static final Duration RETENTION = Duration.ofDays(30);
    /** Plenty of Lambda time left: the upstream gets 27 s. */
    static final Duration REMAINING = Duration.ofSeconds(30);

    private static DynamoDbClient dynamoDb;

    protected final String tenant = "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    protected UpstreamStandIn upstream;
    protected DynamoConversationRepository conversationRows;
    protected DynamoItemRepository itemRows;
    protected DynamoResponseRepository responseRows;
    protected Conversations conversations;
    protected ConversationItems conversationItems;
    /** Over Chat Completions against the stand-in, the default upstream of an explicit base URL. */
    protected Responses responses;
    protected StoredResponses stored;

    static synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) dynamoDb = DynamoDb.client(TestStore.endpoint().toString(), List.of());
        return dynamoDb;
    }

    @BeforeEach
    void wire() {
        upstream = UpstreamStandIn.start();
        conversationRows = new DynamoConversationRepository(dynamoDb(), TestStore.CONVERSATIONS_TABLE,
                TestStore.ITEMS_TABLE, TestStore.RESPONSES_TABLE);
        itemRows = new DynamoItemRepository(dynamoDb(), TestStore.ITEMS_TABLE);
        responseRows = new DynamoResponseRepository(dynamoDb(), TestStore.RESPONSES_TABLE);
        conversations = new Conversations(conversationRows, TestCompaction.items(), clock);
        conversationItems = new ConversationItems(conversations, conversationRows, itemRows, TestCompaction.items());
        responses = service(chatModel(upstream.baseUrl()));
        stored = new StoredResponses(responseRows, clock);
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    /** A stored response of this test's tenant, as GET /v1/responses/{id} answers it. */
    ObjectNode storedResponse(String id) {
        return (ObjectNode) Json.parse(stored.get(tenant, id));
    }

    /** The built-in profiles, plus {@code test-window-<N>} models whose window is N tokens, counted with o200k_base. */
    static ModelProfiles profiles() {
        return PROFILES;
    }

    private static final ModelProfiles PROFILES = ModelProfiles.withOverrides("""
            {"test-window-400": {"context_window": 400, "encoding": "o200k_base"},
             "test-window-2000": {"context_window": 2000, "encoding": "o200k_base"},
             "test-window-8000": {"context_window": 8000, "encoding": "o200k_base"}}""");

    Responses service(UpstreamModel model) {
        return new Responses(conversationRows, itemRows, responseRows, TestCompaction.items(), profiles(),
                () -> Optional.of(model), clock, RETENTION);
    }

    Responses serviceWithoutUpstream() {
        return new Responses(conversationRows, itemRows, responseRows, TestCompaction.items(), profiles(),
                Optional::empty, clock, RETENTION);
    }

    static UpstreamModel chatModel(URI baseUrl) {
        return new ChatCompletionsModel(new UpstreamHttp(baseUrl, ApiKeySource.none()), ChatCompletionsModel.MAX_TOKENS);
    }

    static UpstreamModel responsesModel(URI baseUrl) {
        return new ResponsesApiModel(new UpstreamHttp(baseUrl, ApiKeySource.none()));
    }

    /** A base URL where nothing listens: a port just bound and released. */
    static URI refusingBaseUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- JSON ------------------------------------------------------------------------------------------------

    /** JSON written with single quotes; none of the texts in these tests contain an apostrophe. */
    static JsonNode json(String singleQuoted) {
        return Json.parse(singleQuoted.replace('\'', '"'));
    }

    static ObjectNode object(String singleQuoted) {
        return (ObjectNode) json(singleQuoted);
    }

    /** Equal as JSON text, whatever node classes hold the numbers (IntNode vs LongNode). */
    static void assertSameJson(JsonNode expected, JsonNode actual) {
        assertEquals(Json.parse(Json.write(expected)), Json.parse(Json.write(actual)));
    }

    /** A chat completion answering with text. */
    static String chatText(String text) {
        return ("{'id':'chatcmpl-1','object':'chat.completion','model':'m','choices':[{'index':0,"
                + "'message':{'role':'assistant','content':'" + text + "'},'finish_reason':'stop'}],"
                + "'usage':{'prompt_tokens':10,'completion_tokens':2,'total_tokens':12}}").replace('\'', '"');
    }

    /** A chat completion answering with text and one tool call. */
    static String chatTextAndCall(String text, String callId, String name, String arguments) {
        return ("{'id':'chatcmpl-2','object':'chat.completion','model':'m','choices':[{'index':0,"
                + "'message':{'role':'assistant','content':'" + text + "','tool_calls':[{'id':'" + callId
                + "','type':'function','function':{'name':'" + name + "','arguments':'" + arguments + "'}}]},"
                + "'finish_reason':'tool_calls'}],"
                + "'usage':{'prompt_tokens':10,'completion_tokens':5,'total_tokens':15}}").replace('\'', '"');
    }

    /** The texts of a chat request's messages, as role:text. */
    static List<String> chatMessages(JsonNode chatRequest) {
        List<String> messages = new ArrayList<>();
        for (JsonNode message : chatRequest.get("messages")) {
            messages.add(message.get("role").asText() + ":" + message.path("content").asText());
        }
        return messages;
    }

    // --- service calls ---------------------------------------------------------------------------------------

    ObjectNode create(Responses service, String bodySingleQuoted) {
        return service.create(tenant, json(bodySingleQuoted), REMAINING).response();
    }

    ObjectNode create(String bodySingleQuoted) {
        return create(responses, bodySingleQuoted);
    }

    /** A conversation with one user message per text. */
    ConversationKey newConversation(String... userTexts) {
        StringBuilder items = new StringBuilder("{'items':[");
        for (int i = 0; i < userTexts.length; i++) {
            if (i > 0) items.append(',');
            items.append("{'role':'user','content':'").append(userTexts[i]).append("'}");
        }
        items.append("]}");
        Conversation created = conversations.create(tenant, json(items.toString()));
        return new ConversationKey(tenant, created.id());
    }

    ConversationRecord row(ConversationKey key) {
        return conversationRows.find(key.partitionKey()).orElseThrow();
    }

    List<ItemRecord> storedItems(ConversationKey key) {
        // Whole conversations are read only here: no request path reads more history than the window needs.
        List<ItemRecord> rows = new ArrayList<>();
        Long after = null;
        while (true) {
            ItemRows page = itemRows.page(key.partitionKey(), after, 1_000, true);
            rows.addAll(page.rows());
            if (!page.truncated() || page.rows().isEmpty()) return rows;
            after = rows.getLast().getSeq();
        }
    }

    static List<String> ids(List<ItemRecord> rows) {
        return rows.stream().map(ItemRecord::getItemId).toList();
    }

    static List<Long> seqs(List<ItemRecord> rows) {
        return rows.stream().map(ItemRecord::getSeq).toList();
    }

    static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.get("id").textValue()));
        return ids;
    }

    /** Rows of ResponsesTable under this test's tenant (a scan, fine for a test table). */
    List<ResponseRecord> storedResponses() {
        return DynamoDb.enhanced(dynamoDb()).table(TestStore.RESPONSES_TABLE, ResponseRecord.TABLE_SCHEMA)
                .scan(ScanEnhancedRequest.builder()
                        .consistentRead(true)
                        .filterExpression(Expression.builder()
                                .expression("begins_with(pk, :tenant)")
                                .putExpressionValue(":tenant", AttributeValue.fromS(tenant + "#"))
                                .build())
                        .build())
                .items().stream().toList();
    }

    /** The conversation is exactly as before: same items, same next position, and not locked. */
    void assertUnchangedAndUnlocked(ConversationKey key, List<ItemRecord> itemsBefore, long nextSeqBefore) {
        assertEquals(ids(itemsBefore), ids(storedItems(key)), "items");
        ConversationRecord after = row(key);
        assertEquals(nextSeqBefore, after.getNextSeq(), "next_seq");
        assertFalse(after.isLocked(clock.seconds()), "the conversation is still locked");
    }
}
