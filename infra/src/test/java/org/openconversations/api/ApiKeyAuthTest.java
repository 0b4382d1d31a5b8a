package org.openconversations.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openconversations.auth.ApiKeys;
import org.openconversations.json.Json;
import org.openconversations.local.LocalApi;
import org.openconversations.local.LocalApiOptions;
import org.openconversations.local.TemplateLocator;
import org.openconversations.local.keys.KeyManager;
import org.openconversations.store.TestStore;

/** API keys through the local gateway and the real template: the authorizer, then the route's 401/403. */
class ApiKeyAuthTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String MISSING = "/conversations/conv_0000000000000000000000000000000000000000000000ab";

    private record Reply(int status, String body) {
        JsonNode json() {
            return Json.parse(body);
        }
    }

    private static Reply send(String baseUrl, String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply send(String method, String path, Map<String, String> headers) {
        return send(TestGateway.baseUrl(), method, path, headers);
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    private static void assertInvalidApiKey(Reply reply) {
        assertEquals(401, reply.status(), reply.body());
        JsonNode error = reply.json().get("error");
        assertEquals("invalid_api_key", error.get("code").textValue());
        assertEquals("invalid_request_error", error.get("type").textValue());
        assertTrue(error.get("param").isNull());
        assertEquals("Incorrect API key provided. Send 'Authorization: Bearer <key>' with a key issued for this server.",
                error.get("message").textValue(), "one message for every bad key: nothing to guess from");
    }

    @Test
    void without_an_authorization_header_api_gateway_answers_a_bare_401() {
        for (String path : new String[] {"/conversations", MISSING, "/responses/resp_x", "/no-such-route"}) {
            Reply reply = send("GET", path, Map.of());
            assertEquals(401, reply.status(), path);
            assertEquals("{\"message\":\"Unauthorized\"}", reply.body(), path);
        }
    }

    @Test
    void a_bad_key_is_401_invalid_api_key_on_a_conversations_route() {
        assertInvalidApiKey(send("POST", "/conversations", bearer(ApiKeys.newKey())));
        assertInvalidApiKey(send("GET", MISSING, bearer(ApiKeys.newKey())));
    }

    @Test
    void a_bad_key_is_401_invalid_api_key_on_an_unknown_route_too() {
        assertInvalidApiKey(send("GET", "/no-such-route", bearer(ApiKeys.newKey())));
        assertInvalidApiKey(send("DELETE", "/conversations", bearer(ApiKeys.newKey())));
    }

    @Test
    void malformed_keys_and_other_schemes_are_401_invalid_api_key() {
        String key = TestGateway.apiKey();
        assertInvalidApiKey(send("GET", MISSING, bearer("local")));
        assertInvalidApiKey(send("GET", MISSING, bearer(key + "x")));
        assertInvalidApiKey(send("GET", MISSING, Map.of("Authorization", "Basic " + key)));
        assertInvalidApiKey(send("GET", MISSING, Map.of("Authorization", key)));
    }

    @Test
    void a_valid_key_reaches_the_routes() {
        Map<String, String> headers = bearer(TestGateway.apiKey());
        Reply created = send("POST", "/conversations", headers);
        assertEquals(200, created.status(), created.body());
        String id = created.json().get("id").textValue();

        assertEquals(200, send("GET", "/conversations/" + id, headers).status());
        Reply unknown = send("GET", "/no-such-route", headers);
        assertEquals(404, unknown.status());
        assertEquals("Invalid URL (GET /v1/no-such-route)", unknown.json().at("/error/message").textValue());
    }

    @Test
    void openai_project_naming_another_project_is_403() {
        Map<String, String> headers = new LinkedHashMap<>(bearer(TestGateway.apiKey("project-a")));
        headers.put("OpenAI-Project", "project-b");

        Reply reply = send("POST", "/conversations", headers);

        assertEquals(403, reply.status(), reply.body());
        assertEquals("project_mismatch", reply.json().at("/error/code").textValue());
        assertEquals("invalid_request_error", reply.json().at("/error/type").textValue());
        assertEquals("The API key does not belong to project 'project-b'.", reply.json().at("/error/message").textValue());
    }

    @Test
    void openai_project_naming_the_keys_own_project_is_allowed() {
        Map<String, String> headers = new LinkedHashMap<>(bearer(TestGateway.apiKey("project-a")));
        headers.put("OpenAI-Project", "project-a");

        Reply reply = send("POST", "/conversations", headers);

        assertEquals(200, reply.status(), reply.body());
    }

    @Test
    void a_revoked_key_stops_working_once_the_authorizer_cache_expires() throws Exception {
        Duration ttl = Duration.ofSeconds(2);
        try (LocalApi api = LocalApi.start(LocalApiOptions.forTemplate(TemplateLocator.locate())
                .withDynamoDbEndpoint(TestStore.endpoint())
                .withAuthorizerCacheTtl(ttl))) {
            KeyManager keys = api.keys().orElseThrow();
            String key = keys.create("revoked-tenant");
            assertEquals(404, send(api.baseUrl(), "GET", MISSING, bearer(key)).status(), "a live key");

            keys.revoke(ApiKeys.shown(key));
            long revokedAt = System.nanoTime();
            Reply cached = send(api.baseUrl(), "GET", MISSING, bearer(key));
            if (System.nanoTime() - revokedAt < ttl.toNanos() - Duration.ofMillis(200).toNanos()) {
                assertEquals(404, cached.status(), "within the TTL the cached answer still holds, as on AWS");
            }
            Thread.sleep(ttl.plusMillis(200).toMillis());
            assertInvalidApiKey(send(api.baseUrl(), "GET", MISSING, bearer(key)));
        }
    }

    @Test
    void without_a_cache_a_revoked_key_is_refused_at_once() {
        try (LocalApi api = LocalApi.start(LocalApiOptions.forTemplate(TemplateLocator.locate())
                .withDynamoDbEndpoint(TestStore.endpoint())
                .withAuthorizerCacheTtl(Duration.ZERO))) {
            KeyManager keys = api.keys().orElseThrow();
            String key = keys.create("revoked-at-once");
            assertEquals(404, send(api.baseUrl(), "GET", MISSING, bearer(key)).status());

            keys.revoke(key);

            assertInvalidApiKey(send(api.baseUrl(), "GET", MISSING, bearer(key)));
        }
    }
}
