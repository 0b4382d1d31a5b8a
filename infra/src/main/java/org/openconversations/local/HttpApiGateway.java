package org.openconversations.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the template's HttpApi routes on loopback by invoking the functions behind them. */
public final class HttpApiGateway implements AutoCloseable {

    /** API Gateway's payload limit. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    static final String REQUEST_ID_HEADER = "apigw-requestid";

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiGateway.class);
    private static final int MAX_THREADS = 64;
    /** Request line and headers together: Jetty's 8 KB default would refuse long ids before a function sees them. */
    private static final int MAX_REQUEST_HEAD_BYTES = 384 * 1024;
    /** How much of an oversized body is read and discarded so the client gets to see the 413. */
    private static final long MAX_DISCARDED_BYTES = 256L * 1024 * 1024;
    private static final int MAX_ECHOED_TARGET = 200;
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");

    private final Server server;
    private final ServerConnector connector;
    private final RouteTable routes;
    private final Map<String, LambdaFunction> functions;
    private final Map<String, LambdaAuthorizer> authorizers;

    private HttpApiGateway(Server server, ServerConnector connector, RouteTable routes,
            Map<String, LambdaFunction> functions, Map<String, LambdaAuthorizer> authorizers) {
        this.server = server;
        this.connector = connector;
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
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("http-api");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES);
        ServerConnector connector = new ServerConnector(server, new RawTargetConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.setErrorHandler(new EnvelopeErrorHandler());
        HttpApiGateway gateway = new HttpApiGateway(server, connector, routes, functions, Map.copyOf(authorizers));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                gateway.handle(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            gateway.close();
            throw e instanceof IOException io ? io : new IOException("The gateway did not start", e);
        }
        return gateway;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the gateway failed", e);
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String rawTarget = RawTargetConnectionFactory.rawTarget(request);
        try {
            Optional<byte[]> body = readBody(request);
            if (body.isEmpty()) {
                sendJson(request, response, callback, 413, ErrorEnvelope.invalidRequest("Request body exceeds the "
                        + MAX_BODY_BYTES + "-byte (10 MB) API Gateway payload limit."));
                return;
            }
            RequestTarget target = RequestTarget.parse(rawTarget);
            if (!target.isWellFormed()) {
                sendJson(request, response, callback, 400, ErrorEnvelope.invalidRequest("Invalid URL (" + method
                        + " " + clip(rawTarget) + "): a '%' must be followed by two hexadecimal digits."));
                return;
            }
            Optional<RouteTable.RouteMatch> match = routes.match(method, target.rawPath());
            if (match.isEmpty()) {
                sendJson(request, response, callback, 404,
                        ErrorEnvelope.invalidRequest("Invalid URL (" + method + " " + target.rawPath() + ")"));
                return;
            }
            LambdaFunction function = functions.get(match.get().route().functionId());
            APIGatewayV2HTTPEvent event = ApiGatewayEvents.of(request, target, match.get(), body.get(), Instant.now());
            String requestId = event.getRequestContext().getRequestId();
            LambdaAuthorizer authorizer = authorizers.get(match.get().route().routeKey());
            if (authorizer != null) {
                LambdaAuthorizer.Decision decision = authorizer.authorize(event);
                if (!decision.allowed()) {
                    sendBare(request, response, callback, decision.status(), decision.body(), requestId);
                    return;
                }
            }
            APIGatewayV2HTTPResponse answer;
            byte[] answerBody;
            try {
                answer = (APIGatewayV2HTTPResponse) function.invoke(event);
                if (answer == null || answer.getStatusCode() < 100 || answer.getStatusCode() > 599) {
                    throw new IllegalStateException("Invalid response " + answer);
                }
                answerBody = responseBody(answer);
            } catch (Throwable e) {
                LOG.error("{} failed on {} {}", function.name(), method, target.rawPath(), e);
                sendJson(request, response, callback, 500, ErrorEnvelope.serverError());
                return;
            }
            send(request, response, callback, answer, answerBody, requestId);
        } catch (IOException e) {
            LOG.warn("Request {} {} aborted: {}", method, rawTarget, e.toString());
            callback.failed(e);
        } catch (RuntimeException e) {
            LOG.error("Gateway failure on {} {}", method, rawTarget, e);
            callback.failed(e);
        }
    }

    /** The body, or empty when it is over the limit (in which case it has been discarded). */
    private static Optional<byte[]> readBody(Request request) throws IOException {
        InputStream in = Request.asInputStream(request);
        if (request.getLength() > MAX_BODY_BYTES) {
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

    private static String clip(String text) {
        return text.length() <= MAX_ECHOED_TARGET ? text : text.substring(0, MAX_ECHOED_TARGET) + "…";
    }

    private static void send(Request request, Response response, Callback callback,
            APIGatewayV2HTTPResponse answer, byte[] body, String requestId) {
        HttpFields.Mutable headers = response.getHeaders();
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((name, value) -> {
                if (value != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.put(name, value);
                }
            });
        }
        if (answer.getMultiValueHeaders() != null) {
            answer.getMultiValueHeaders().forEach((name, values) -> {
                if (values != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> headers.add(name, value));
                }
            });
        }
        List<String> cookies = answer.getCookies();
        if (cookies != null) {
            cookies.forEach(cookie -> headers.add(HttpHeader.SET_COOKIE, cookie));
        }
        headers.put(REQUEST_ID_HEADER, requestId);
        write(request, response, callback, answer.getStatusCode(), body);
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
    private static void sendBare(Request request, Response response, Callback callback, int status, String json,
            String requestId) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        write(request, response, callback, status, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The gateway's own answers in the OpenAI envelope, with the headers the functions' answers carry, so an SDK
     * reports their request id too.
     */
    private static void sendJson(Request request, Response response, Callback callback, int status, String json) {
        String requestId = UUID.randomUUID().toString();
        ErrorEnvelope.addOpenAiHeaders(response, requestId);
        sendBare(request, response, callback, status, json, requestId);
    }

    private static void write(Request request, Response response, Callback callback, int status, byte[] body) {
        boolean noBody = body.length == 0 || status == 204 || status == 304
                || request.getMethod().equalsIgnoreCase("HEAD");
        response.setStatus(status);
        if (noBody) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
