package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.upstream.TestJson.items;
import static org.openconversations.upstream.TestJson.object;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openconversations.upstream.UpstreamException.Kind;

/** How both models turn what the upstream does wrong into an {@link UpstreamException}, over real HTTP. */
class UpstreamErrorsTest {
    private static final String KEY = "sk-secret-key-0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    enum Api {
        CHAT(http -> new ChatCompletionsModel(http, ChatCompletionsModel.MAX_TOKENS)),
        RESPONSES(ResponsesApiModel::new);

        final Function<UpstreamHttp, UpstreamModel> build;

        Api(Function<UpstreamHttp, UpstreamModel> build) {
            this.build = build;
        }
    }

    private final UpstreamStandIn upstream = UpstreamStandIn.start();

    @AfterEach
    void stop() {
        upstream.close();
    }

    private static ModelRequest request() {
        return new ModelRequest("m", null, items("{'type':'message','id':'msg_1','status':'completed',"
                + "'role':'user','content':[{'type':'input_text','text':'Hi'}]}"), object("{}"));
    }

    private static UpstreamException failure(Api api, URI base, Duration timeout) {
        UpstreamModel model = api.build.apply(new UpstreamHttp(base, new EnvApiKeySource("UPSTREAM_API_KEY", KEY)));
        return assertThrows(UpstreamException.class, () -> model.generate(request(), timeout));
    }

    private UpstreamException failure(Api api, UpstreamStandIn.Reply reply) {
        upstream.enqueue(reply);
        return failure(api, upstream.baseUrl(), TIMEOUT);
    }

    private static String envelope(String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":null}}";
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void rate_limit_is_rate_limited_with_the_upstream_message_and_retry_after(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(429, envelope("Slow down."))
                .withHeader("retry-after", "7")
                .withHeader("retry-after-ms", "6500"));

        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(429, e.upstreamStatus());
        assertEquals("Slow down.", e.getMessage());
        assertEquals("7", e.retryAfter());
        assertEquals("6500", e.retryAfterMillis());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void rate_limit_without_headers_or_envelope_has_no_retry_after(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(429, "Too Many Requests"));

        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertNull(e.retryAfter());
        assertNull(e.retryAfterMillis());
        assertFalse(e.getMessage().isBlank());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void bad_request_is_rejected_with_the_upstream_status_and_message(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(400, envelope("Unknown model 'm'.")));

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(400, e.upstreamStatus());
        assertEquals("Upstream model rejected the request: Unknown model 'm'.", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void ollama_style_error_string_is_the_message(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(404, "{\"error\":\"model 'm' not found\"}"));

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals(404, e.upstreamStatus());
        assertEquals("Upstream model rejected the request: model 'm' not found", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void client_error_without_a_json_body_names_the_status(Api api) {
        UpstreamException e = failure(api, new UpstreamStandIn.Reply(404, "<html>Not Found</html>",
                Map.of("Content-Type", "text/html"), Duration.ZERO, Duration.ZERO));

        assertEquals("Upstream model rejected the request: HTTP 404", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void key_echoed_by_the_upstream_is_redacted(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(401, envelope("Incorrect API key: " + KEY)));

        assertEquals(401, e.upstreamStatus());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void refused_credentials_are_unavailable_since_they_are_this_servers_not_the_callers(Api api) {
        for (int status : new int[] {401, 403}) {
            UpstreamException e = failure(api, UpstreamStandIn.Reply.json(status, envelope("Bad key.")));

            assertEquals(Kind.UNAVAILABLE, e.kind());
            assertEquals(status, e.upstreamStatus());
            assertEquals("Upstream model refused this server's credentials (HTTP " + status + "): Bad key.",
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void a_rejection_keeps_the_upstream_error_code(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(400, "{\"error\":{\"message\":\"Too long.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals("context_length_exceeded", e.upstreamCode());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void a_rejection_without_a_code_has_none(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(400, envelope("Unknown model 'm'.")));

        assertNull(e.upstreamCode());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void server_error_is_unavailable_with_the_upstream_status(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(500, envelope("The server had an error.")));

        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertEquals(500, e.upstreamStatus());
        assertTrue(e.getMessage().contains("The server had an error."), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void refused_connection_is_unavailable(Api api) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        UpstreamException e = failure(api, URI.create("http://127.0.0.1:" + port + "/v1"), TIMEOUT);

        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertEquals(0, e.upstreamStatus());
        assertFalse(e.getMessage().contains(KEY));
    }

    /** A 300 ms call to an upstream that is 3 s late: a timeout, within well under those 3 s. */
    private UpstreamException lateFailure(Api api, UpstreamStandIn.Reply late) {
        upstream.enqueue(late);
        long start = System.nanoTime();
        UpstreamException e = failure(api, upstream.baseUrl(), Duration.ofMillis(300));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        return e;
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void reply_slower_than_the_timeout_is_a_timeout(Api api) {
        UpstreamException e = lateFailure(api, UpstreamStandIn.Reply.json(200, "{}").after(Duration.ofSeconds(3)));

        assertEquals(Kind.TIMEOUT, e.kind());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void body_stalling_past_the_timeout_is_a_timeout(Api api) {
        UpstreamException e =
                lateFailure(api, UpstreamStandIn.Reply.json(200, "{}").bodyAfter(Duration.ofSeconds(3)));

        assertEquals(Kind.TIMEOUT, e.kind());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void a_stalled_body_leaves_the_calling_thread_uninterrupted(Api api) {
        upstream.enqueue(UpstreamStandIn.Reply.json(200, "{}").bodyAfter(Duration.ofSeconds(3)));

        failure(api, upstream.baseUrl(), Duration.ofMillis(300));

        assertFalse(Thread.currentThread().isInterrupted());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void call_after_a_stalled_body_gets_its_own_answer(Api api) {
        upstream.enqueue(UpstreamStandIn.Reply.json(200, "{}").bodyAfter(Duration.ofSeconds(3)));
        failure(api, upstream.baseUrl(), Duration.ofMillis(300));

        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(400, envelope("Unknown model m")));

        assertEquals(Kind.REJECTED, e.kind());
        assertEquals("Upstream model rejected the request: Unknown model m", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void no_time_left_is_a_timeout_without_a_call(Api api) {
        UpstreamException e = failure(api, upstream.baseUrl(), Duration.ZERO);

        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals(0, upstream.requests().size());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void garbage_reply_is_unavailable(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(200, "{\"choices\": [ oops"));

        assertEquals(Kind.UNAVAILABLE, e.kind());
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void reply_that_is_not_an_object_is_unavailable(Api api) {
        UpstreamException e = failure(api, UpstreamStandIn.Reply.json(200, "[1,2,3]"));

        assertEquals(Kind.UNAVAILABLE, e.kind());
    }
}
