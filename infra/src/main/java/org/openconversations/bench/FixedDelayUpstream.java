package org.openconversations.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible Chat Completions server that answers every request the same way after a fixed delay,
 * except requests for {@link #WARM_UP_MODEL}, which it answers at once.
 */
final class FixedDelayUpstream implements AutoCloseable {
    /**
     * The model untimed warm-up turns ask for: they only run the code so the JIT compiles it, and waiting out
     * the delay for each of them would add ten seconds to the run and nothing to any figure.
     */
    static final String WARM_UP_MODEL = "bench-warm-up";
    private static final byte[] ANSWER = """
            {"id":"chatcmpl-bench","object":"chat.completion","created":1795345200,"model":"bench-model",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the stand-in."},\
            "finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":6,"total_tokens":18}}"""
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;

    private FixedDelayUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static FixedDelayUpstream start(Duration delay) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!request.contains("\"" + WARM_UP_MODEL + "\"")) sleep(delay);
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, ANSWER.length);
                exchange.getResponseBody().write(ANSWER);
                exchange.close();
            });
            server.start();
            return new FixedDelayUpstream(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) return;
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        // HttpServer.stop leaves a caller's executor running, and its threads would keep the JVM alive.
        executor.shutdownNow();
    }
}
