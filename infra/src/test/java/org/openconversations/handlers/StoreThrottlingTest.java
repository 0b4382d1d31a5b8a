package org.openconversations.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.openconversations.compaction.TestCompaction;
import org.openconversations.domain.Conversations;
import org.openconversations.json.Json;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A route whose DynamoDB call is refused, against an HTTP server answering as DynamoDB does when it throttles
 * (DynamoDB Local never throttles). Throttling is load, not a fault: 503 with retry-after, once the SDK has
 * retried it twice; any other refusal is still a fault's 500.
 */
class StoreThrottlingTest {
    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer dynamoDb;
    private DynamoDbClient client;

    /** Every call answered with DynamoDB's JSON-protocol error of the given type. */
    private String refusingWith(String errorType) throws IOException {
        return answering("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + errorType
                + "\",\"message\":\"refused by the stand-in\"}");
    }

    /** Every call answered with HTTP 400 and {@code errorBody}, as DynamoDB's JSON protocol sends errors. */
    private String answering(String errorBody) throws IOException {
        dynamoDb = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dynamoDb.createContext("/", exchange -> {
            try (InputStream request = exchange.getRequestBody()) {
                request.readAllBytes();
            }
            calls.incrementAndGet();
            byte[] body = errorBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        dynamoDb.start();
        return "http://127.0.0.1:" + dynamoDb.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (client != null) client.close();
        if (dynamoDb != null) dynamoDb.stop(0);
    }

    private Conversations conversations(String endpoint) {
        client = DynamoDb.client(endpoint, List.of());
        var rows = new DynamoConversationRepository(client, "conversations", "items");
        return new Conversations(rows, TestCompaction.items(), Clock.systemUTC());
    }

    private APIGatewayV2HTTPResponse get(String endpoint, APIGatewayV2HTTPEvent event) {
        return new GetConversationHandler(conversations(endpoint)).handleRequest(event, null);
    }

    @ParameterizedTest
    @Event(value = "events/get-conversation.json", type = APIGatewayV2HTTPEvent.class)
    void throttled_read_is_503_with_retry_after_once_the_sdk_has_retried_twice(APIGatewayV2HTTPEvent event)
            throws IOException {
        APIGatewayV2HTTPResponse response = get(refusingWith("ProvisionedThroughputExceededException"), event);

        JsonNode error = Json.parse(response.getBody()).get("error");
        assertEquals(503, response.getStatusCode());
        assertEquals("1", response.getHeaders().get("retry-after"));
        assertEquals("server_error", error.get("type").textValue());
        assertEquals("store_busy", error.get("code").textValue());
        // Three attempts, not the DynamoDB client's default nine, which outlasted the functions' timeout.
        assertEquals(3, calls.get());
    }

    // A throttled transaction is not retried by the SDK: it is a TransactionCanceledException naming the cause.
    @ParameterizedTest
    @Event(value = "events/create-conversation.json", type = APIGatewayV2HTTPEvent.class)
    void throttled_transaction_is_503_too(APIGatewayV2HTTPEvent event) throws IOException {
        String endpoint = answering("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons"
                + " [None, ThrottlingError]\",\"CancellationReasons\":[{\"Code\":\"None\"},"
                + "{\"Code\":\"ThrottlingError\",\"Message\":\"Throughput exceeds the current capacity of your"
                + " table or index.\"}]}");

        APIGatewayV2HTTPResponse response =
                new CreateConversationHandler(conversations(endpoint)).handleRequest(event, null);

        assertEquals(503, response.getStatusCode(), response.getBody());
        assertEquals("store_busy", Json.parse(response.getBody()).at("/error/code").textValue());
    }

    @ParameterizedTest
    @Event(value = "events/get-conversation.json", type = APIGatewayV2HTTPEvent.class)
    void other_refusals_stay_faults(APIGatewayV2HTTPEvent event) throws IOException {
        APIGatewayV2HTTPResponse response = get(refusingWith("ResourceNotFoundException"), event);

        assertEquals(500, response.getStatusCode());
        assertEquals("server_error", Json.parse(response.getBody()).at("/error/type").textValue());
        assertEquals(1, calls.get());
    }
}
