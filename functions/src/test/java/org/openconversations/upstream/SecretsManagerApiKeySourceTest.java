package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Secrets Manager key source through the real SDK client, against a stand-in speaking its JSON protocol. */
class SecretsManagerApiKeySourceTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:upstream-AbCdEf";

    private HttpServer server;
    private final List<String> targets = new ArrayList<>();

    private URI secretsManagerAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            exchange.getRequestBody().readAllBytes();
            byte[] reply = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void a_bare_secret_is_the_key_and_is_fetched_once() throws IOException {
        URI endpoint = secretsManagerAnswering(200, "{\"ARN\":\"" + ARN + "\",\"SecretString\":\"sk-from-secret\"}");
        SecretsManagerApiKeySource source = new SecretsManagerApiKeySource(ARN, endpoint);

        assertEquals("sk-from-secret", source.apiKey());
        assertEquals("sk-from-secret", source.apiKey());
        assertEquals(List.of("secretsmanager.GetSecretValue"), targets);
    }

    @Test
    void a_json_secret_gives_its_api_key_field() throws IOException {
        URI endpoint = secretsManagerAnswering(200, "{\"SecretString\":\"{\\\"api_key\\\":\\\"sk-json\\\"}\"}");

        assertEquals("sk-json", new SecretsManagerApiKeySource(ARN, endpoint).apiKey());
    }

    @Test
    void a_refused_read_is_an_unavailable_upstream() throws IOException {
        URI endpoint = secretsManagerAnswering(400,
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the secret.\"}");

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> new SecretsManagerApiKeySource(ARN, endpoint).apiKey());

        assertEquals(UpstreamException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("Secrets Manager"), e.getMessage());
    }

    @Test
    void json_without_an_api_key_field_is_refused() {
        assertThrows(UpstreamException.class, () -> SecretsManagerApiKeySource.keyIn("{\"token\":\"x\"}"));
    }
}
