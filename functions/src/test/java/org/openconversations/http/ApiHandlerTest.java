package org.openconversations.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.NotFoundException;
import org.openconversations.json.Json;

class ApiHandlerTest {
    private static final String SECRET = "jdbc password hunter2 in table conversations-prod";

    /** The smallest route: whatever the test says it does. */
    private static final class TestHandler extends ApiHandler {
        private final Function<ApiRequest, ApiResponse> route;

        TestHandler(Function<ApiRequest, ApiResponse> route) {
            this.route = route;
        }

        @Override
        protected ApiResponse handle(ApiRequest request) {
            return route.apply(request);
        }
    }

    /** Collects what the handler logs, so faults are checked to be logged and kept off stderr. */
    private static final class RecordingContext implements Context {
        final List<String> lines = new ArrayList<>();

        @Override public String getAwsRequestId() { return "aws-1"; }
        @Override public String getLogGroupName() { return "group"; }
        @Override public String getLogStreamName() { return "stream"; }
        @Override public String getFunctionName() { return "fn"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 1000; }
        @Override public int getMemoryLimitInMB() { return 512; }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { lines.add(message); }
                @Override public void log(byte[] message) { lines.add(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }

    private static APIGatewayV2HTTPEvent event(String requestId) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(requestId);
        context.setHttp(http);
        context.setAuthorizer(authorizer(Map.of("tenant", "default")));
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        event.setRawPath("/v1/conversations");
        return event;
    }

    /** What the API key authorizer hands the route functions: its context, under {@code lambda}. */
    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(Map<String, Object> caller) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setLambda(caller);
        return authorizer;
    }

    private static APIGatewayV2HTTPResponse run(Function<ApiRequest, ApiResponse> route, Context context) {
        return new TestHandler(route).handleRequest(event("req-42"), context);
    }

    private static JsonNode error(APIGatewayV2HTTPResponse response) {
        JsonNode body = Json.parse(response.getBody());
        assertEquals(1, body.size(), response.getBody());
        return body.get("error");
    }

    private static void assertStandardHeaders(APIGatewayV2HTTPResponse response) {
        assertEquals("application/json", response.getHeaders().get("content-type"));
        assertEquals("req-42", response.getHeaders().get("x-request-id"));
        assertEquals("2020-10-01", response.getHeaders().get("openai-version"));
        String millis = response.getHeaders().get("openai-processing-ms");
        assertNotNull(millis);
        assertTrue(Long.parseLong(millis) >= 0, millis);
    }

    @Test
    void successful_route_answers_its_status_and_body() {
        APIGatewayV2HTTPResponse response = run(request -> ApiResponse.ok("{\"ok\":true}"), new RecordingContext());

        assertEquals(200, response.getStatusCode());
        assertEquals("{\"ok\":true}", response.getBody());
        assertFalse(response.getIsBase64Encoded());
    }

    @Test
    void successful_response_has_the_standard_headers() {
        assertStandardHeaders(run(request -> ApiResponse.ok("{}"), new RecordingContext()));
    }

    @Test
    void invalid_request_exception_renders_the_envelope_with_all_four_keys() {
        APIGatewayV2HTTPResponse response = run(request -> {
            throw InvalidRequestException.integerAboveMax("limit", "100", "101");
        }, new RecordingContext());

        assertEquals(400, response.getStatusCode());
        JsonNode error = error(response);
        assertEquals(4, error.size());
        assertEquals("Invalid 'limit': integer above maximum value. Expected a value <= 100, but got 101 instead.",
                error.get("message").textValue());
        assertEquals("invalid_request_error", error.get("type").textValue());
        assertEquals("limit", error.get("param").textValue());
        assertEquals("integer_above_max_value", error.get("code").textValue());
    }

    @Test
    void null_param_and_code_are_rendered_as_json_null() {
        APIGatewayV2HTTPResponse response = run(request -> {
            throw NotFoundException.conversation("conv_missing");
        }, new RecordingContext());

        assertEquals(404, response.getStatusCode());
        JsonNode error = error(response);
        assertEquals(4, error.size());
        assertTrue(error.has("param"));
        assertTrue(error.get("param").isNull());
        assertTrue(error.has("code"));
        assertTrue(error.get("code").isNull());
        assertEquals("Conversation with id 'conv_missing' not found.", error.get("message").textValue());
    }

    @Test
    void error_response_has_the_standard_headers() {
        assertStandardHeaders(run(request -> {
            throw InvalidRequestException.invalidJson();
        }, new RecordingContext()));
    }

    @Test
    void api_exception_raised_while_reading_the_request_is_rendered_as_400() {
        APIGatewayV2HTTPEvent event = event("req-42");
        event.setBody("{not json");
        APIGatewayV2HTTPResponse response = new TestHandler(request -> {
            request.jsonBody();
            return ApiResponse.ok("{}");
        }).handleRequest(event, new RecordingContext());

        assertEquals(400, response.getStatusCode());
        assertTrue(error(response).get("message").textValue().startsWith("We could not parse the JSON body"));
    }

    @Test
    void runtime_exception_becomes_a_500_server_error() {
        APIGatewayV2HTTPResponse response = run(request -> {
            throw new IllegalStateException(SECRET);
        }, new RecordingContext());

        assertEquals(500, response.getStatusCode());
        JsonNode error = error(response);
        assertEquals(4, error.size());
        assertEquals("server_error", error.get("type").textValue());
        assertTrue(error.get("param").isNull());
        assertTrue(error.get("code").isNull());
        assertFalse(error.get("message").textValue().isBlank());
    }

    @Test
    void server_error_body_reveals_neither_the_exception_message_nor_a_class_name() {
        APIGatewayV2HTTPResponse response = run(request -> {
            throw new IllegalStateException(SECRET, new NullPointerException("inner detail"));
        }, new RecordingContext());

        String body = response.getBody();
        assertFalse(body.contains("hunter2"), body);
        assertFalse(body.contains("inner detail"), body);
        assertFalse(body.contains("IllegalStateException"), body);
        assertFalse(body.contains("NullPointerException"), body);
        assertFalse(body.contains("java."), body);
        assertFalse(body.contains("org.openconversations"), body);
        assertFalse(body.contains("ApiHandlerTest"), body);
    }

    @Test
    void server_error_response_has_the_standard_headers() {
        assertStandardHeaders(run(request -> {
            throw new IllegalStateException(SECRET);
        }, new RecordingContext()));
    }

    @Test
    void fault_is_logged_with_request_id_and_stack_trace() {
        RecordingContext context = new RecordingContext();
        run(request -> {
            throw new IllegalStateException(SECRET);
        }, context);

        assertEquals(1, context.lines.size());
        String line = context.lines.get(0);
        assertTrue(line.contains("req-42"), line);
        assertTrue(line.contains("IllegalStateException"), line);
        assertTrue(line.contains(SECRET), line);
    }

    @Test
    void api_exception_is_not_logged_as_a_fault() {
        RecordingContext context = new RecordingContext();
        run(request -> {
            throw NotFoundException.item("msg_x");
        }, context);

        assertEquals(List.of(), context.lines);
    }

    @Test
    void missing_request_context_gives_an_empty_request_id_header() {
        APIGatewayV2HTTPResponse response = new TestHandler(request -> ApiResponse.ok("{}"))
                .handleRequest(new APIGatewayV2HTTPEvent(), new RecordingContext());

        assertEquals("", response.getHeaders().get("x-request-id"));
    }

    // --- the caller, as the API key authorizer passed it -------------------------------------------------

    private static APIGatewayV2HTTPResponse runAs(Map<String, Object> caller, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = event("req-42");
        event.getRequestContext().setAuthorizer(caller == null ? null : authorizer(caller));
        event.setHeaders(headers);
        return new TestHandler(request -> ApiResponse.ok("{\"tenant\":\"" + request.tenant() + "\"}"))
                .handleRequest(event, new RecordingContext());
    }

    private static void assertInvalidApiKey(APIGatewayV2HTTPResponse response) {
        assertEquals(401, response.getStatusCode());
        JsonNode error = error(response);
        assertEquals("invalid_api_key", error.get("code").textValue());
        assertEquals("invalid_request_error", error.get("type").textValue());
        assertTrue(error.get("param").isNull());
        assertStandardHeaders(response);
    }

    @Test
    void the_authorizers_tenant_reaches_the_route() {
        APIGatewayV2HTTPResponse response = runAs(Map.of("tenant", "acme"), Map.of());

        assertEquals(200, response.getStatusCode());
        assertEquals("{\"tenant\":\"acme\"}", response.getBody());
    }

    @Test
    void no_authorizer_context_is_401_before_the_route_runs() {
        APIGatewayV2HTTPEvent event = event("req-42");
        event.getRequestContext().setAuthorizer(null);
        boolean[] ran = {false};
        APIGatewayV2HTTPResponse response = new TestHandler(request -> {
            ran[0] = true;
            return ApiResponse.ok("{}");
        }).handleRequest(event, new RecordingContext());

        assertInvalidApiKey(response);
        assertFalse(ran[0], "the route ran for an unauthenticated caller");
    }

    @Test
    void an_authorizer_error_or_an_empty_tenant_is_401() {
        assertInvalidApiKey(runAs(Map.of("auth_error", "invalid_api_key"), Map.of()));
        assertInvalidApiKey(runAs(Map.of("tenant", ""), Map.of()));
        assertInvalidApiKey(runAs(Map.of("tenant", 42), Map.of()));
    }

    @Test
    void openai_project_naming_the_keys_own_tenant_is_allowed() {
        assertEquals(200, runAs(Map.of("tenant", "acme"), Map.of("openai-project", "acme")).getStatusCode());
        assertEquals(200, runAs(Map.of("tenant", "acme"), Map.of("openai-project", " acme ")).getStatusCode());
        assertEquals(200, runAs(Map.of("tenant", "acme"), Map.of("openai-project", "")).getStatusCode());
    }

    @Test
    void openai_project_is_read_as_api_gateway_and_sam_local_start_api_spell_it() {
        assertEquals(403, runAs(Map.of("tenant", "acme"), Map.of("openai-project", "other")).getStatusCode());
        assertEquals(403, runAs(Map.of("tenant", "acme"), Map.of("Openai-Project", "other")).getStatusCode());
        // A spelling no gateway delivers (only a hand-written event has it) is not looked up.
        assertEquals(200, runAs(Map.of("tenant", "acme"), Map.of("OPENAI-PROJECT", "other")).getStatusCode());
    }

    @Test
    void openai_project_naming_another_project_is_403() {
        APIGatewayV2HTTPResponse response = runAs(Map.of("tenant", "acme"), Map.of("openai-project", "other"));

        assertEquals(403, response.getStatusCode());
        JsonNode error = error(response);
        assertEquals("project_mismatch", error.get("code").textValue());
        assertEquals("The API key does not belong to project 'other'.", error.get("message").textValue());
    }

    @Test
    void an_unauthenticated_caller_gets_401_even_with_a_project_header() {
        assertInvalidApiKey(runAs(Map.of("auth_error", "invalid_api_key"), Map.of("openai-project", "acme")));
    }
}
