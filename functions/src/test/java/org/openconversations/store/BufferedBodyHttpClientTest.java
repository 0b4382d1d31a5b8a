package org.openconversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Against a real HTTP server on a kept-alive connection. Whether the JDK probed the pooled connection before a
 * POST is read from its own log (FINEST on HttpURLConnection's logger), not from timing.
 */
class BufferedBodyHttpClientTest {
    private static final Logger JDK_HTTP_LOG = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> probes = new CopyOnWriteArrayList<>();
    private final Handler probeLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().startsWith("HttpClient.available()")) {
                probes.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private HttpServer server;
    private Level previousLevel;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                received.add(exchange.getRequestHeaders().getFirst("Content-Length") + " " + bytes.length + " "
                        + new String(bytes, 0, Math.min(bytes.length, 20), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.start();
        previousLevel = JDK_HTTP_LOG.getLevel();
        JDK_HTTP_LOG.setLevel(Level.FINEST);
        JDK_HTTP_LOG.addHandler(probeLog);
    }

    @AfterEach
    void stop() {
        JDK_HTTP_LOG.removeHandler(probeLog);
        JDK_HTTP_LOG.setLevel(previousLevel);
        server.stop(0);
    }

    @Test
    void a_small_body_arrives_whole_with_the_length_the_sdk_gave_it() throws IOException {
        try (SdkHttpClient client = BufferedBodyHttpClient.create()) {
            post(client, "{\"TableName\":\"t\"}");
        }
        assertEquals(List.of("17 17 {\"TableName\":\"t\"}"), received);
    }

    @Test
    void a_pooled_connection_is_not_probed_before_a_small_body() throws IOException {
        try (SdkHttpClient client = BufferedBodyHttpClient.create()) {
            for (int i = 0; i < 3; i++) post(client, "{\"n\":" + i + "}");
        }
        assertEquals(3, received.size());
        assertTrue(probes.isEmpty(), () -> "probed: " + probes);
    }

    @Test
    void the_stock_client_probes_a_pooled_connection_before_every_post() throws IOException {
        try (SdkHttpClient client = UrlConnectionHttpClient.create()) {
            for (int i = 0; i < 3; i++) post(client, "{\"n\":" + i + "}");
        }
        // The first POST opens the connection; the next two reuse it, each after a probe.
        assertEquals(2, probes.size(), () -> "probes: " + probes);
    }

    @Test
    void a_body_over_the_limit_still_streams() throws IOException {
        String large = "x".repeat((int) BufferedBodyHttpClient.BUFFERED_LIMIT + 1);
        try (SdkHttpClient client = BufferedBodyHttpClient.create()) {
            post(client, "{}");
            post(client, large);
        }
        assertEquals((BufferedBodyHttpClient.BUFFERED_LIMIT + 1) + " " + (BufferedBodyHttpClient.BUFFERED_LIMIT + 1)
                + " " + "x".repeat(20), received.get(1));
        assertFalse(probes.isEmpty(), "a streamed POST on a pooled connection is probed first");
    }

    private void post(SdkHttpClient client, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .build();
        HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder()
                .request(request)
                .contentStreamProvider(ContentStreamProvider.fromByteArray(bytes))
                .build()).call();
        assertEquals(200, response.httpResponse().statusCode());
        try (InputStream answer = response.responseBody().orElseThrow()) {
            answer.readAllBytes();
        }
    }
}
