package org.openconversations.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the template's HttpApi routes on loopback by invoking the functions behind them. */
public final class HttpApiGateway implements AutoCloseable {

    /** API Gateway's payload limit. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiGateway.class);
    private static final int WORKER_THREADS = 64;
    /** How much of an oversized body is read and discarded so the client gets to see the 413. */
    private static final long MAX_DISCARDED_BYTES = 256L * 1024 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");

    private final HttpServer server;
    private final ExecutorService workers;
    private final RouteTable routes;
    private final Map<String, LambdaFunction> functions;
    private final Map<String, LambdaAuthorizer> authorizers;

    private HttpApiGateway(HttpServer server, ExecutorService workers, RouteTable routes,
            Map<String, LambdaFunction> functions, Map<String, LambdaAuthorizer> authorizers) {
        this.server = server;
        this.workers = workers;
        this.routes = routes;
        this.functions = functions;
        this.authorizers = authorizers;
    }

    /**
     * @param port 0 picks a free port
     * @param authorizers the authorizer in front of each route, by route key; routes not named are open
     */
    static HttpApiGateway start(int port, RouteTable routes, Map<String, LambdaFunction> functions,
            Map<String, LambdaAuthorizer> authorizers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ExecutorService workers = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("http-api-"));
        ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
        HttpApiGateway gateway = new HttpApiGateway(server, workers, routes, functions, Map.copyOf(authorizers));
        server.createContext("/", gateway::handle);
        server.setExecutor(workers);
        server.start();
        return gateway;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Optional<byte[]> body = readBody(exchange);
            if (body.isEmpty()) {
                sendJson(exchange, 413, ErrorEnvelope.invalidRequest("Request body exceeds the " + MAX_BODY_BYTES
                        + "-byte (10 MB) API Gateway payload limit."));
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            Optional<RouteTable.RouteMatch> match = routes.match(method, rawPath);
            if (match.isEmpty()) {
                sendJson(exchange, 404, ErrorEnvelope.invalidRequest("Invalid URL (" + method + " " + rawPath + ")"));
                return;
            }
            LambdaFunction function = functions.get(match.get().route().functionId());
            APIGatewayV2HTTPEvent event = ApiGatewayEvents.of(exchange, match.get(), body.get(), Instant.now());
            LambdaAuthorizer authorizer = authorizers.get(match.get().route().routeKey());
            if (authorizer != null) {
                LambdaAuthorizer.Decision decision = authorizer.authorize(event);
                if (!decision.allowed()) {
                    sendBare(exchange, decision.status(), decision.body(), event.getRequestContext().getRequestId());
                    return;
                }
            }
            APIGatewayV2HTTPResponse response;
            byte[] responseBody;
            try {
                response = (APIGatewayV2HTTPResponse) function.invoke(event);
                if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
                    throw new IllegalStateException("Invalid response " + response);
                }
                responseBody = responseBody(response);
            } catch (Throwable e) {
                LOG.error("{} failed on {} {}", function.name(), method, rawPath, e);
                sendJson(exchange, 500, ErrorEnvelope.serverError());
                return;
            }
            send(exchange, response, responseBody, event.getRequestContext().getRequestId());
        } catch (IOException e) {
            LOG.warn("Request {} {} aborted: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("Gateway failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    /** The body, or empty when it is over the limit (in which case it has been discarded). */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && parseLong(declared) > MAX_BODY_BYTES) {
            discard(in);
            return Optional.empty();
        }
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            discard(in);
            return Optional.empty();
        }
        return Optional.of(body);
    }

    private static void discard(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[64 * 1024];
        int read;
        while (skipped < MAX_DISCARDED_BYTES && (read = in.read(buffer)) >= 0) {
            skipped += read;
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void send(HttpExchange exchange, APIGatewayV2HTTPResponse response, byte[] body,
            String requestId) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (value != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.set(name, value);
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (values != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> headers.add(name, value));
                }
            });
        }
        List<String> cookies = response.getCookies();
        if (cookies != null) {
            cookies.forEach(cookie -> headers.add("Set-Cookie", cookie));
        }
        headers.set("apigw-requestid", requestId);
        write(exchange, response.getStatusCode(), body);
    }

    private static byte[] responseBody(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        return response.getIsBase64Encoded()
                ? Base64.getMimeDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    /** API Gateway's own answers ({@code {"message":"Unauthorized"}} and the like), not the OpenAI envelope. */
    private static void sendBare(HttpExchange exchange, int status, String json, String requestId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        write(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("apigw-requestid", UUID.randomUUID().toString());
        write(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 204 || status == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
