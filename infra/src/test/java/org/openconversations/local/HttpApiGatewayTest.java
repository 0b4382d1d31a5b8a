package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openconversations.local.fixtures.BinaryResponseHandler;
import org.openconversations.local.fixtures.FailingHandler;
import org.openconversations.local.fixtures.SlowHandler;

/** The gateway over HTTP, against src/test/resources/gateway-template.yaml and its echoing handlers. */
class HttpApiGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalApi api;

    @BeforeAll
    static void startGateway() {
        api = LocalApi.start(LocalApiOptions.forTemplate(TestTemplates.GATEWAY));
    }

    @AfterAll
    static void stopGateway() {
        api.close();
    }

    @Test
    void routes_literal_segment_before_path_parameter() throws Exception {
        assertEquals("LiteralFunction", echo("/v1/things/special").path("function").asText());
    }

    @Test
    void routes_path_parameter_before_greedy_proxy() throws Exception {
        JsonNode echo = echo("/v1/things/abc");
        assertEquals("ParameterFunction", echo.path("function").asText());
        assertEquals("abc", echo.path("pathParameters").path("thing_id").asText());
    }

    @Test
    void routes_longer_paths_to_greedy_proxy_named_proxy() throws Exception {
        JsonNode echo = echo("/v1/things/abc/other/deeper");
        assertEquals("GreedyFunction", echo.path("function").asText());
        assertEquals("abc/other/deeper", echo.path("pathParameters").path("proxy").asText());
    }

    @Test
    void routes_unlisted_method_to_greedy_proxy() throws Exception {
        HttpResponse<String> response = send(request("/v1/things/abc").DELETE().build());
        assertEquals("GreedyFunction", JSON.readTree(response.body()).path("function").asText());
    }

    @Test
    void routes_specific_method_before_any() throws Exception {
        assertEquals("GetWidgetsFunction", echo("/v1/widgets").path("function").asText());
        HttpResponse<String> put = send(request("/v1/widgets").PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("AnyMethodFunction", JSON.readTree(put.body()).path("function").asText());
    }

    @Test
    void passes_every_path_parameter_of_the_route() throws Exception {
        JsonNode parameters = echo("/v1/things/t1/parts/p2").path("pathParameters");
        assertEquals("t1", parameters.path("thing_id").asText());
        assertEquals("p2", parameters.path("part_id").asText());
    }

    @Test
    void url_decodes_path_parameters() throws Exception {
        JsonNode echo = echo("/v1/things/a%20b%2Fc+d");
        assertEquals("a b/c+d", echo.path("pathParameters").path("thing_id").asText());
        assertEquals("/v1/things/a%20b%2Fc+d", echo.path("rawPath").asText());
    }

    @Test
    void names_the_matched_route_in_route_key() throws Exception {
        JsonNode echo = echo("/v1/things/abc/parts/def");
        assertEquals("GET /v1/things/{thing_id}/parts/{part_id}", echo.path("routeKey").asText());
        assertEquals("GET /v1/things/{thing_id}/parts/{part_id}", echo.path("requestContext").path("routeKey").asText());
        assertEquals("ANY /v1/things/{proxy+}", echo("/v1/things/a/b/c").path("routeKey").asText());
    }

    @Test
    void passes_raw_query_string_undecoded() throws Exception {
        assertEquals("q=a%20b&x=%2B1", echo("/v1/things/special?q=a%20b&x=%2B1").path("rawQueryString").asText());
    }

    @Test
    void decodes_query_string_parameters() throws Exception {
        JsonNode parameters = echo("/v1/things/special?q=a%20b&x=%2B1&empty").path("queryStringParameters");
        assertEquals("a b", parameters.path("q").asText());
        assertEquals("+1", parameters.path("x").asText());
        assertEquals("", parameters.path("empty").asText());
    }

    @Test
    void joins_repeated_query_keys_with_commas() throws Exception {
        JsonNode echo = echo("/v1/things/special?include%5B%5D=a&include%5B%5D=b&limit=2");
        assertEquals("a,b", echo.path("queryStringParameters").path("include[]").asText());
        assertEquals("2", echo.path("queryStringParameters").path("limit").asText());
    }

    @Test
    void omits_query_string_parameters_without_a_query() throws Exception {
        JsonNode echo = echo("/v1/things/special");
        assertTrue(echo.path("queryStringParameters").isNull());
        assertEquals("", echo.path("rawQueryString").asText());
    }

    @Test
    void lower_cases_header_names() throws Exception {
        JsonNode headers = echo(request("/v1/things/special").header("X-Custom-Header", "Value").GET().build())
                .path("headers");
        assertEquals("Value", headers.path("x-custom-header").asText());
        headers.fieldNames().forEachRemaining(name -> assertEquals(name.toLowerCase(), name));
    }

    @Test
    void joins_repeated_headers_with_commas() throws Exception {
        JsonNode headers = echo(request("/v1/things/special")
                .header("X-Repeated", "one").header("X-Repeated", "two").GET().build()).path("headers");
        assertEquals("one,two", headers.path("x-repeated").asText());
    }

    @Test
    void passes_cookies_as_a_list_not_a_header() throws Exception {
        JsonNode echo = echo(request("/v1/things/special").header("Cookie", "a=1; b=2").GET().build());
        assertEquals(List.of("a=1", "b=2"), JSON.convertValue(echo.path("cookies"), List.class));
        assertTrue(echo.path("headers").path("cookie").isMissingNode());
    }

    @Test
    void passes_utf8_body_as_text() throws Exception {
        String body = "{\"text\":\"héllo ✓\"}";
        JsonNode echo = echo(request("/v1/echo")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        assertEquals(body, echo.path("body").asText());
        assertFalse(echo.path("isBase64Encoded").asBoolean());
    }

    @Test
    void base64_encodes_body_that_is_not_utf8() throws Exception {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        JsonNode echo = echo(request("/v1/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertTrue(echo.path("isBase64Encoded").asBoolean());
        assertArrayEquals(body, Base64.getDecoder().decode(echo.path("body").asText()));
    }

    @Test
    void describes_the_request_in_payload_format_2() throws Exception {
        JsonNode echo = echo(request("/v1/things/special").header("User-Agent", "gateway-test").GET().build());
        JsonNode context = echo.path("requestContext");
        assertEquals("2.0", echo.path("version").asText());
        assertEquals("local", context.path("apiId").asText());
        assertEquals("$default", context.path("stage").asText());
        assertEquals("GET", context.path("http").path("method").asText());
        assertEquals("/v1/things/special", context.path("http").path("path").asText());
        assertEquals("127.0.0.1", context.path("http").path("sourceIp").asText());
        assertEquals("gateway-test", context.path("http").path("userAgent").asText());
        assertEquals("HTTP/1.1", context.path("http").path("protocol").asText());
        UUID.fromString(context.path("requestId").asText());
        assertTrue(Math.abs(System.currentTimeMillis() - context.path("timeEpoch").asLong()) < 60_000);
        assertTrue(context.path("time").asText().matches("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"));
    }

    @Test
    void answers_500_envelope_without_stack_trace_when_handler_throws() throws Exception {
        HttpResponse<String> response = send(request("/v1/boom").GET().build());
        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains(FailingHandler.SECRET));
        assertFalse(response.body().contains("Exception"));
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("The server had an error while processing your request.", error.path("message").asText());
        assertEquals("server_error", error.path("type").asText());
        assertTrue(error.path("param").isNull());
        assertTrue(error.path("code").isNull());
    }

    @Test
    void answers_413_envelope_for_body_over_10_mb() throws Exception {
        byte[] body = new byte[HttpApiGateway.MAX_BODY_BYTES + 1];
        HttpResponse<String> response = send(request("/v1/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(413, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("message").asText().contains("10 MB"));
        assertTrue(error.path("code").isNull());
    }

    @Test
    void the_gateways_own_envelopes_carry_the_request_id_and_version_headers_sdks_read() throws Exception {
        RawReply reply = raw("GET /v1/things/%zz");

        assertEquals(reply.header("apigw-requestid"), reply.header("x-request-id"));
        assertNotNull(reply.header("x-request-id"));
        assertEquals("2020-10-01", reply.header("openai-version"));
    }

    @Test
    void accepts_body_of_exactly_10_mb() throws Exception {
        byte[] body = new byte[HttpApiGateway.MAX_BODY_BYTES];
        java.util.Arrays.fill(body, (byte) 'a');
        HttpResponse<String> response = send(request("/v1/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(200, response.statusCode());
    }

    @Test
    void answers_404_envelope_for_unmatched_route_without_catch_all() throws Exception {
        HttpResponse<String> response = send(request("/v1/nothing/here").GET().build());
        assertEquals(404, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("Invalid URL (GET /v1/nothing/here)", error.path("message").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("param").isNull());
        assertTrue(error.path("code").isNull());
    }

    @Test
    void answers_404_when_only_the_method_does_not_match() throws Exception {
        HttpResponse<String> response = send(request("/v1/boom").DELETE().build());
        assertEquals(404, response.statusCode());
        assertEquals("Invalid URL (DELETE /v1/boom)", JSON.readTree(response.body()).path("error").path("message").asText());
    }

    @Test
    void writes_status_headers_and_decoded_base64_body_of_the_response() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(request("/v1/binary").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, response.statusCode());
        assertEquals("application/octet-stream", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(List.of("one", "two"), response.headers().allValues("x-multi"));
        assertArrayEquals(BinaryResponseHandler.BODY, response.body());
    }

    @Test
    void serves_concurrent_requests_in_parallel() throws Exception {
        int requests = 6;
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            responses.add(CLIENT.sendAsync(request("/v1/slow").GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals(200, response.get().statusCode());
        }
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(elapsedMillis < SlowHandler.DELAY_MILLIS * requests / 2,
                "took " + elapsedMillis + " ms, as if requests were served one at a time");
    }

    @Test
    void answers_400_envelope_for_a_broken_percent_escape_before_routing() throws Exception {
        RawReply reply = raw("GET /v1/things/%zz?q=1");
        assertEquals(400, reply.status());
        assertEquals("application/json", reply.header("content-type"));
        assertNotNull(reply.header("apigw-requestid"));
        JsonNode error = JSON.readTree(reply.body()).path("error");
        assertEquals("Invalid URL (GET /v1/things/%zz?q=1): a '%' must be followed by two hexadecimal digits.",
                error.path("message").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("param").isNull());
        assertTrue(error.path("code").isNull());
    }

    @Test
    void answers_400_envelope_for_a_broken_percent_escape_in_the_query() throws Exception {
        for (String target : List.of("/v1/things/special?limit=%zz", "/v1/things/special?after=%",
                "/v1/things/special?order=%2", "/v1/things/special?q=%\u0663\u0663")) {
            RawReply reply = raw("GET " + target);
            assertEquals(400, reply.status(), target);
            assertEquals("invalid_request_error", JSON.readTree(reply.body()).path("error").path("type").asText());
        }
    }

    @Test
    void passes_targets_the_http_server_itself_would_refuse_to_the_function_as_received() throws Exception {
        JsonNode nul = JSON.readTree(raw("GET /v1/things/a%00b").body());
        assertEquals("/v1/things/a%00b", nul.path("rawPath").asText());
        assertEquals("a\u0000b", nul.path("pathParameters").path("thing_id").asText());
        JsonNode dots = JSON.readTree(raw("GET /v1/things/x/../../..%2F").body());
        assertEquals("/v1/things/x/../../..%2F", dots.path("rawPath").asText());
        assertEquals("x/../../../", dots.path("pathParameters").path("proxy").asText());
    }

    @Test
    void reads_raw_non_ascii_in_the_target_as_utf8() throws Exception {
        JsonNode echo = JSON.readTree(raw("GET /v1/things/\uD83D\uDE00?q=\u00e9").body());
        assertEquals("\uD83D\uDE00", echo.path("pathParameters").path("thing_id").asText());
        assertEquals("\u00e9", echo.path("queryStringParameters").path("q").asText());
    }

    @Test
    void routes_an_absolute_form_target_by_its_path() throws Exception {
        JsonNode echo = JSON.readTree(raw("GET http://127.0.0.1:" + api.port() + "/v1/things/abc?q=1#f").body());
        assertEquals("ParameterFunction", echo.path("function").asText());
        assertEquals("/v1/things/abc", echo.path("rawPath").asText());
        assertEquals("q=1", echo.path("rawQueryString").asText());
    }

    @Test
    void answers_a_request_the_http_server_cannot_read_with_the_envelope() throws Exception {
        for (String head : List.of("GET /v1/things/abc HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n",
                "DELETE /v1/things/abc HTTP/1.1\r\n\r\n")) {
            RawReply reply = rawHead(head);
            assertEquals(400, reply.status(), head);
            assertEquals("application/json", reply.header("content-type"));
            assertNotNull(reply.header("apigw-requestid"));
            JsonNode error = JSON.readTree(reply.body()).path("error");
            assertEquals("The request could not be read (400 Bad Request).", error.path("message").asText());
            assertEquals("invalid_request_error", error.path("type").asText());
        }
    }

    @Test
    void answers_431_envelope_for_a_request_head_over_the_limit() throws Exception {
        RawReply reply = rawHead("GET /v1/things/abc HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(400 * 1024)
                + "\r\n\r\n");
        assertEquals(431, reply.status());
        assertEquals("The request could not be read (431 Request Header Fields Too Large).",
                JSON.readTree(reply.body()).path("error").path("message").asText());
    }

    @Test
    void keeps_the_targets_of_pipelined_requests_apart() throws Exception {
        String replies;
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /v1/things/first%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /v1/things/second?q=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "GET /v1/things/third HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        int first = replies.indexOf("\"thing_id\":\"first\\u0000\"");
        int second = replies.indexOf("Invalid URL (GET /v1/things/second?q=%zz)");
        int third = replies.indexOf("\"thing_id\":\"third\"");
        assertTrue(first >= 0 && second > first && third > second, replies);
    }

    /** A reply read off the socket; header names lower-cased. */
    private record RawReply(int status, java.util.Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** The request line as given, target bytes in UTF-8, which java.net.http would refuse or re-encode. */
    private static RawReply raw(String requestLine) throws IOException {
        return rawHead(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    private static RawReply rawHead(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = reply.indexOf("\r\n\r\n");
            String[] lines = reply.substring(0, end).split("\r\n");
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new RawReply(Integer.parseInt(lines[0].split(" ")[1]), headers, reply.substring(end + 4));
        }
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode echo(String pathAndQuery) throws IOException, InterruptedException {
        return echo(request(pathAndQuery).GET().build());
    }

    private static JsonNode echo(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
