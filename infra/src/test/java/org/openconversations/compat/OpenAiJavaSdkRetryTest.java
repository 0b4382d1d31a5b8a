package org.openconversations.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.conversations.Conversation;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.StoreBusyException;
import org.openconversations.http.ApiResponse;

/**
 * The SDK's own retry of the 503 a route answers when DynamoDB throttles it (DynamoDB Local never does): a
 * server answers the first request with exactly what ApiResponse renders for it, and the next with the
 * conversation. README promises the SDKs retry it without the caller doing anything.
 */
class OpenAiJavaSdkRetryTest {
    private static final String CONVERSATION_ID = "conv_6a391904fa0881959e29bbe877b0a89e0b9f20d6673d9ef6";
    private static final String CONVERSATION = "{\"id\":\"" + CONVERSATION_ID + "\",\"object\":\"conversation\","
            + "\"created_at\":1795345200,\"metadata\":{}}";

    private final List<Long> requestNanos = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    /** Answers the first request with {@code first}, every later one with the conversation. */
    private String serving(APIGatewayV2HTTPResponse first) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream request = exchange.getRequestBody()) {
                request.readAllBytes();
            }
            requestNanos.add(System.nanoTime());
            boolean isFirst = requestNanos.size() == 1;
            byte[] body = (isFirst ? first.getBody() : CONVERSATION).getBytes(StandardCharsets.UTF_8);
            if (isFirst) first.getHeaders().forEach(exchange.getResponseHeaders()::set);
            else exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(isFirst ? first.getStatusCode() : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Test
    void a_store_busy_503_is_retried_by_the_sdk_after_its_retry_after() throws IOException {
        APIGatewayV2HTTPResponse busy = ApiResponse.error(new StoreBusyException()).toEvent("req-busy", 3);
        // The SDK's default of two retries, as a caller's client has it.
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(serving(busy)).apiKey("sk-oc-test").build();
        try {
            Conversation conversation = client.conversations().retrieve(CONVERSATION_ID);

            assertEquals(CONVERSATION_ID, conversation.id());
            assertEquals(2, requestNanos.size());
            long waitedMillis = (requestNanos.get(1) - requestNanos.get(0)) / 1_000_000;
            // retry-after: 1 is honoured; without it the SDK's first backoff is about half a second.
            assertTrue(waitedMillis >= 900, "retried after " + waitedMillis + " ms");
        } finally {
            client.close();
        }
    }
}
