package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openconversations.compaction.TestCompaction;
import org.openconversations.domain.ConversationKey;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.DynamoItemRepository;
import org.openconversations.store.DynamoResponseRepository;
import org.openconversations.store.TestStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A turn whose writes DynamoDB throttles: the appending transaction and then the release of the lock. Between
 * the service and DynamoDB Local sits a proxy that passes every other call on and answers those two as a
 * throttled DynamoDB does (DynamoDB Local never throttles). The turn's own failure must reach the caller
 * (ApiHandler makes it a 503), not the release's; the conversation stays locked until the lock expires.
 */
class ThrottledTurnTest extends ResponsesServiceFixture {
    private static final HttpClient FORWARD = HttpClient.newHttpClient();

    private HttpServer proxy;
    private DynamoDbClient throttled;

    @AfterEach
    void stopProxy() {
        if (throttled != null) throttled.close();
        if (proxy != null) proxy.stop(0);
    }

    private String throttlingProxy() throws IOException {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", this::answer);
        proxy.start();
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] request;
        try (InputStream in = exchange.getRequestBody()) {
            request = in.readAllBytes();
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String body = new String(request, StandardCharsets.UTF_8);
        if (target.endsWith(".TransactWriteItems")) {
            reply(exchange, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                    + "\"Message\":\"Transaction cancelled [ThrottlingError]\","
                    + "\"CancellationReasons\":[{\"Code\":\"ThrottlingError\"}]}");
        } else if (target.endsWith(".UpdateItem") && body.contains("\"ReturnValues\":\"NONE\"")) {
            // The release: the lock itself is taken with ReturnValues ALL_NEW.
            reply(exchange, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"throttled by the proxy\"}");
        } else {
            HttpRequest.Builder forward = HttpRequest.newBuilder(TestStore.endpoint())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request));
            for (String header : List.of("Content-Type", "X-Amz-Target", "Authorization", "X-Amz-Date")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) forward.header(header, value);
            }
            try {
                HttpResponse<String> answer = FORWARD.send(forward.build(), HttpResponse.BodyHandlers.ofString());
                reply(exchange, answer.statusCode(), answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void the_turns_own_throttling_reaches_the_caller_when_the_release_is_throttled_too() throws IOException {
        ConversationKey key = newConversation("Hello");
        throttled = DynamoDb.client(throttlingProxy(), List.of());
        Responses service = new Responses(
                new DynamoConversationRepository(throttled, TestStore.CONVERSATIONS_TABLE, TestStore.ITEMS_TABLE,
                        TestStore.RESPONSES_TABLE),
                new DynamoItemRepository(throttled, TestStore.ITEMS_TABLE),
                new DynamoResponseRepository(throttled, TestStore.RESPONSES_TABLE),
                TestCompaction.items(), profiles(), () -> Optional.of(chatModel(upstream.baseUrl())), clock,
                RETENTION);
        upstream.reply(200, chatText("Hi!"));

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> create(service, "{'model':'m','conversation':'" + key.conversationId() + "','input':'Again'}"));

        assertEquals("ThrottlingError", e.cancellationReasons().getFirst().code());
        assertEquals(1, storedItems(key).size());
        assertTrue(row(key).isLocked(clock.seconds()), "the lock is left to expire");
    }
}
