package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconversations.local.fixtures.RecordingAuthorizer;

/** The gateway running a template's Lambda authorizer as API Gateway would (src/test/resources/authorizer-template.yaml). */
class LambdaAuthorizerGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static LocalApi api;

    @BeforeAll
    static void start() {
        api = LocalApi.start(LocalApiOptions.forTemplate(TestTemplates.AUTHORIZER));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> get(LocalApi gateway, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return get(api, path, authorization);
    }

    private static String unique(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    @Test
    void a_missing_identity_header_is_401_without_asking_the_authorizer() throws Exception {
        HttpResponse<String> response = get("/v1/guarded/abc", null);

        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(null));
        assertEquals(401, get("/v1/guarded/abc", "").statusCode(), "an empty header is a missing one");
    }

    @Test
    void a_route_with_authorizer_none_is_open() throws Exception {
        HttpResponse<String> response = get("/v1/open", null);

        assertEquals(200, response.statusCode());
        assertEquals("OpenFunction", JSON.readTree(response.body()).path("function").asText());
        assertNull(JSON.readTree(response.body()).at("/requestContext/authorizer").textValue());
    }

    @Test
    void an_allowed_request_carries_the_authorizer_context_to_the_route() throws Exception {
        HttpResponse<String> response = get("/v1/guarded/abc", "allow-acme");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode echo = JSON.readTree(response.body());
        assertEquals("GuardedFunction", echo.path("function").asText());
        assertEquals(JSON.readTree("{\"tenant\":\"acme\",\"n\":7}"), echo.at("/requestContext/authorizer"));
    }

    @Test
    void is_authorized_false_is_a_bare_403() throws Exception {
        HttpResponse<String> response = get("/v1/guarded/abc", "deny");

        assertEquals(403, response.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", response.body());
    }

    @Test
    void a_failing_authorizer_is_a_bare_500_and_is_not_cached() throws Exception {
        int before = RecordingAuthorizer.calls("boom");
        HttpResponse<String> response = get("/v1/guarded/abc", "boom");
        get("/v1/guarded/abc", "boom");

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
        assertEquals(before + 2, RecordingAuthorizer.calls("boom"));
    }

    @Test
    void an_answer_without_is_authorized_is_a_bare_500() throws Exception {
        HttpResponse<String> response = get("/v1/guarded/abc", "junk");

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    @Test
    void the_authorizer_gets_a_payload_2_request_event() throws Exception {
        String authorization = unique("allow-event");
        get("/v1/guarded/a%20b?limit=5&x=1", authorization);

        APIGatewayV2CustomAuthorizerEvent event = RecordingAuthorizer.EVENTS.get(authorization);
        assertEquals("2.0", event.getVersion());
        assertEquals("REQUEST", event.getType());
        assertEquals(List.of(authorization), event.getIdentitySource());
        assertEquals("GET /v1/guarded/{thing_id}", event.getRouteKey());
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/v1/guarded/a%20b", event.getRouteArn());
        assertEquals("/v1/guarded/a%20b", event.getRawPath());
        assertEquals("limit=5&x=1", event.getRawQueryString());
        assertEquals(Map.of("limit", "5", "x", "1"), event.getQueryStringParameters());
        assertEquals(Map.of("thing_id", "a b"), event.getPathParameters());
        assertEquals(authorization, event.getHeaders().get("authorization"));
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
        assertEquals("GET /v1/guarded/{thing_id}", event.getRequestContext().getRouteKey());
        assertEquals("$default", event.getRequestContext().getStage());
        assertEquals("local", event.getRequestContext().getApiId());
    }

    @Test
    void answers_are_cached_per_identity_for_reauthorize_every() throws Exception {
        String first = unique("allow-cached");
        String second = unique("allow-other");

        get("/v1/guarded/abc", first);
        get("/v1/guarded/xyz", first);
        get("/v1/guarded/abc", second);
        assertEquals(1, RecordingAuthorizer.calls(first), "the second request within the TTL used the cache");
        assertEquals(1, RecordingAuthorizer.calls(second));

        Thread.sleep(1_200);
        get("/v1/guarded/abc", first);
        assertEquals(2, RecordingAuthorizer.calls(first), "after ReauthorizeEvery (1 s) it asks again");
    }

    @Test
    void the_options_can_turn_the_cache_off() throws Exception {
        String authorization = unique("allow-uncached");
        try (LocalApi uncached = LocalApi.start(LocalApiOptions.forTemplate(TestTemplates.AUTHORIZER)
                .withAuthorizerCacheTtl(Duration.ZERO))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, get(uncached, "/v1/guarded/abc", authorization).statusCode());
            }
        }
        assertEquals(3, RecordingAuthorizer.calls(authorization));
    }
}
