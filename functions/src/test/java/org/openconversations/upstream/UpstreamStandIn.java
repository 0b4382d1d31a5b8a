package org.openconversations.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openconversations.json.Json;

/**
 * A real HTTP server standing in for an upstream model: it records every request and answers with the replies
 * queued for it, in order; with none queued it answers 500.
 *
 * <p>Public, and shipped in the functions test-jar, so that infra's tests drive the same stand-in rather than
 * keeping copies of it.
 */
public final class UpstreamStandIn implements AutoCloseable {
    /** A request as received; header names are lower-cased. */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        /** The first value of a header, by case-insensitive name, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public JsonNode json() {
            return Json.parse(body);
        }

        /** The {@code messages} of a Chat Completions request. */
        public ArrayNode messages() {
            return (ArrayNode) json().get("messages");
        }
    }

    /**
     * @param delay before the status line
     * @param bodyDelay after the status line, the headers and the body's first byte, before the rest
     */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay, Duration bodyDelay) {
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, delay, bodyDelay);
        }

        /** The same reply, sent only after the wait (for timeout and lock tests). */
        public Reply after(Duration wait) {
            return new Reply(status, body, headers, wait, bodyDelay);
        }

        /** The same reply, its body stalling after the first byte for the wait (the headers come at once). */
        public Reply bodyAfter(Duration wait) {
            return new Reply(status, body, headers, delay, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());

    private UpstreamStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static UpstreamStandIn start() {
        try {
            return new UpstreamStandIn();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base URL a model is configured with: {@code http://127.0.0.1:<port>/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public UpstreamStandIn enqueue(Reply reply) {
        replies.add(reply);
        return this;
    }

    public UpstreamStandIn reply(int status, String body) {
        return enqueue(Reply.json(status, body));
    }

    /** Queues a chat completion whose message is the given text. */
    public UpstreamStandIn answer(String text) {
        return reply(200, completion(text, null, 0, 0));
    }

    /**
     * Queues a chat completion whose text is the tokens joined, with {@code logprobs.content} as OpenAI gives it:
     * each token at logprob -0.5 with its UTF-8 bytes, and itself as its one top logprob.
     */
    public UpstreamStandIn answerWithLogprobs(String... tokens) {
        ObjectNode completion = (ObjectNode) Json.parse(completion(String.join("", tokens), null, 0, 0));
        ObjectNode choice = (ObjectNode) completion.get("choices").get(0);
        ArrayNode content = choice.putObject("logprobs").putArray("content");
        for (String token : tokens) {
            ObjectNode logprob = content.addObject().put("token", token).put("logprob", -0.5);
            ArrayNode bytes = logprob.putArray("bytes");
            for (byte b : token.getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xff);
            logprob.putArray("top_logprobs").add(logprob.deepCopy());
        }
        return reply(200, Json.write(completion));
    }

    /** Forgets what was recorded and drops any reply still queued, for a stand-in shared between tests. */
    public void reset() {
        replies.clear();
        requests.clear();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded onlyRequest() {
        List<Recorded> all = requests();
        if (all.size() != 1) throw new AssertionError("expected one upstream request, got " + all.size());
        return all.getFirst();
    }

    public Recorded lastRequest() {
        List<Recorded> all = requests();
        if (all.isEmpty()) throw new AssertionError("the upstream received no request");
        return all.getLast();
    }

    /** A chat completion: assistant text (or null), optional tool calls, usage. */
    public static String completion(String text, ArrayNode toolCalls, long promptTokens, long completionTokens) {
        ObjectNode completion = Json.object();
        completion.put("id", "chatcmpl-test");
        completion.put("object", "chat.completion");
        completion.put("created", 1_758_962_515L);
        completion.put("model", "stand-in");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text == null) message.putNull("content"); else message.put("content", text);
        if (toolCalls != null) message.set("tool_calls", toolCalls);
        choice.put("finish_reason", toolCalls != null ? "tool_calls" : "stop");
        ObjectNode usage = completion.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return Json.write(completion);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));

            Reply reply = replies.poll();
            if (reply == null) reply = Reply.json(500, "{\"error\":{\"message\":\"no reply queued\"}}");
            if (!reply.delay().isZero()) Thread.sleep(reply.delay());
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!reply.bodyDelay().isZero() && bytes.length > 0) {
                    out.write(bytes, 0, 1);
                    out.flush();
                    Thread.sleep(reply.bodyDelay());
                    out.write(bytes, 1, bytes.length - 1);
                } else {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (a timeout test); nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
