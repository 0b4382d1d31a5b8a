package org.openconversations.compat.responses;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.compat.responses.ResponsesSupport.MODEL;

import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.upstream.UpstreamStandIn;

/** Every {@code POST /v1/responses} reply, success or error, carries the debugging headers (contract 10). */
class ResponseHeadersTest extends GatewayResponsesTest {
    private static ResponseCreateParams params() {
        return ResponseCreateParams.builder().model(MODEL).input("Hello").build();
    }

    private static void assertDebugHeaders(Headers headers) {
        List<String> requestId = headers.values("x-request-id");
        List<String> processing = headers.values("openai-processing-ms");
        assertAll(
                () -> assertEquals(1, requestId.size(), "x-request-id: " + requestId),
                () -> assertTrue(!requestId.isEmpty() && !requestId.getFirst().isBlank(), "x-request-id blank"),
                () -> assertEquals(1, processing.size(), "openai-processing-ms: " + processing),
                () -> assertTrue(!processing.isEmpty() && processing.getFirst().matches("\\d+"),
                        "openai-processing-ms is not a count of milliseconds: " + processing));
    }

    @Test
    void a_created_response_carries_the_headers() {
        upstream.answer("Hi!");

        try (HttpResponseFor<Response> raw = client.responses().withRawResponse().create(params())) {
            assertAll(
                    () -> assertEquals(200, raw.statusCode()),
                    () -> assertDebugHeaders(raw.headers()),
                    () -> assertEquals(raw.headers().values("x-request-id").getFirst(), raw.requestId().orElse(null)),
                    () -> assertEquals("Hi!", ResponsesSupport.outputText(raw.parse())));
        }
    }

    @Test
    void a_streamed_response_carries_the_headers() {
        upstream.answer("Hi!");

        try (HttpResponseFor<StreamResponse<ResponseStreamEvent>> raw =
                client.responses().withRawResponse().createStreaming(params())) {
            assertAll(
                    () -> assertEquals(200, raw.statusCode()),
                    () -> assertDebugHeaders(raw.headers()),
                    () -> assertTrue(raw.headers().values("content-type").getFirst().startsWith("text/event-stream"),
                            raw.headers().values("content-type").toString()));
            try (StreamResponse<ResponseStreamEvent> events = raw.parse()) {
                assertTrue(events.stream().anyMatch(ResponseStreamEvent::isCompleted));
            }
        }
    }

    @Test
    void each_reply_has_its_own_request_id() {
        upstream.answer("One").answer("Two");

        String first;
        String second;
        try (HttpResponseFor<Response> raw = client.responses().withRawResponse().create(params())) {
            first = raw.requestId().orElseThrow();
        }
        try (HttpResponseFor<Response> raw = client.responses().withRawResponse().create(params())) {
            second = raw.requestId().orElseThrow();
        }

        assertNotEquals(first, second);
    }

    @Test
    void a_bad_request_carries_the_headers() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .previousResponseId("resp_" + "0".repeat(48))
                        .input("Hello")
                        .build()));

        assertDebugHeaders(e.headers());
    }

    @Test
    void an_unknown_conversation_carries_the_headers() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.responses().create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .conversation("conv_" + HexFormat.of().formatHex(bytes))
                        .input("Hello")
                        .build()));

        assertDebugHeaders(e.headers());
    }

    @Test
    void an_upstream_failure_carries_the_headers() {
        upstream.enqueue(UpstreamStandIn.Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));

        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.responses().create(params()));

        assertDebugHeaders(e.headers());
    }

    @Test
    void an_upstream_rate_limit_carries_the_headers() {
        upstream.enqueue(UpstreamStandIn.Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}")
                .withHeader("retry-after", "3"));

        RateLimitException e = assertThrows(RateLimitException.class, () -> client.responses().create(params()));

        assertDebugHeaders(e.headers());
    }
}
