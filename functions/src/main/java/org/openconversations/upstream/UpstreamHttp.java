package org.openconversations.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openconversations.json.Json;

/**
 * One JSON POST to an OpenAI-compatible endpoint, and the mapping of whatever comes back to either a JSON
 * object or an {@link UpstreamException}.
 *
 * <ul>
 *   <li>429 is {@code RATE_LIMITED}, carrying the upstream's {@code retry-after} and {@code retry-after-ms}.
 *   <li>401 and 403 are {@code UNAVAILABLE}: they concern this server's credentials, not the caller's.
 *   <li>Any other 4xx is {@code REJECTED} with the upstream's status and error code, the message prefixed with
 *       "Upstream model rejected the request: ".
 *   <li>5xx, any other non-2xx, connection failures (including a connect timeout: nothing was generated,
 *       the upstream is unreachable) and a 2xx body that is not a JSON object are {@code UNAVAILABLE}.
 *   <li>No answer within the call's timeout, counted to the end of the body, is {@code TIMEOUT}.
 * </ul>
 * The upstream's message is read from OpenAI's envelope {@code {"error":{"message"}}}, Ollama's
 * {@code {"error":"..."}} or vLLM's {@code {"message":"..."}}; any other body is not repeated, since it may be
 * an HTML page. The API key is never logged, and is masked should an upstream echo it in a message.
 */
public final class UpstreamHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // Built once per container. HTTP/1.1: vLLM, Ollama and llama.cpp speak nothing else, and h2c upgrade
    // attempts confuse some proxies.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final String REJECTED_PREFIX = "Upstream model rejected the request: ";

    private final String baseUrl;
    private final ApiKeySource apiKey;
    private final String project;

    public UpstreamHttp(URI baseUrl, ApiKeySource apiKey) {
        this(baseUrl, apiKey, null);
    }

    /**
     * @param baseUrl e.g. {@code https://api.openai.com/v1}; a trailing slash is ignored
     * @param project sent as {@code OpenAI-Project} when not null: the folder id on Yandex AI Studio
     */
    public UpstreamHttp(URI baseUrl, ApiKeySource apiKey, String project) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.project = project;
    }

    /** @param path e.g. {@code /chat/completions} */
    public ObjectNode post(String path, ObjectNode body, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw UpstreamException.timeout("No time was left to call the upstream model");
        }
        String key = apiKey.apiKey();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        if (key != null && !key.isBlank()) request.header("Authorization", "Bearer " + key);
        if (project != null) request.header("OpenAI-Project", project);

        HttpResponse<String> response = send(request.build(), timeout);
        int status = response.statusCode();
        if (status >= 200 && status < 300) return parseObject(response.body());
        JsonNode error = errorBody(response.body());
        String message = redact(upstreamMessage(error), key);
        if (status == 429) throw rateLimited(response, message);
        if (status == 401 || status == 403) {
            // This server's own key or project, not the caller's: passed through, the SDKs would raise an
            // authentication error that sends the caller after a key that is fine.
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, status,
                    "Upstream model refused this server's credentials (HTTP " + status + ")"
                            + (message != null ? ": " + message : ""), null, null);
        }
        if (status >= 400 && status < 500) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, status,
                    REJECTED_PREFIX + (message != null ? message : "HTTP " + status), null, null,
                    upstreamCode(error));
        }
        throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, status,
                "Upstream model failed with HTTP " + status + (message != null ? ": " + message : ""), null, null);
    }

    private static UpstreamException rateLimited(HttpResponse<String> response, String message) {
        return new UpstreamException(UpstreamException.Kind.RATE_LIMITED, 429,
                message != null ? message : "Upstream model rate limit reached",
                response.headers().firstValue("retry-after").orElse(null),
                response.headers().firstValue("retry-after-ms").orElse(null));
    }

    /**
     * Synchronous, on the caller's thread: {@code sendAsync} hands every stage of the exchange to a pool thread,
     * which on one vCPU cost about 0.1 ms a call. {@link CallDeadline} bounds the body, which the request's own
     * timeout does not.
     */
    private static HttpResponse<String> send(HttpRequest request, Duration timeout) {
        CallDeadline deadline = CallDeadline.start(timeout);
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw UpstreamException.unavailable("Upstream model could not be reached: connect timed out");
        } catch (HttpTimeoutException e) {
            throw timedOut(timeout);
        } catch (IOException | InterruptedException e) {
            // The deadline's interrupt ends the wait (InterruptedException) or, caught in socket I/O, the
            // connection (IOException).
            if (deadline.finish()) throw timedOut(timeout);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw UpstreamException.unavailable("Interrupted while calling the upstream model");
            }
            throw UpstreamException.unavailable("Upstream model could not be reached: " + describe(e));
        } catch (IllegalArgumentException e) {
            throw UpstreamException.unavailable("Upstream model call failed: " + describe(e));
        } finally {
            deadline.finish();
        }
    }

    private static UpstreamException timedOut(Duration timeout) {
        return UpstreamException.timeout("Upstream model did not answer within " + timeout.toMillis() + " ms");
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")";
    }

    private static ObjectNode parseObject(String body) {
        try {
            JsonNode node = Json.readTree(body);
            if (node != null && node.isObject()) return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw UpstreamException.unavailable("Upstream model replied with something that is not a JSON object");
    }

    /** An error answer's body as JSON, or a missing node when it is none (an HTML page, say). */
    private static JsonNode errorBody(String body) {
        try {
            JsonNode node = Json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** The upstream's own error message, or null when the body has none we recognise. */
    private static String upstreamMessage(JsonNode node) {
        if (!node.isObject()) return null;
        JsonNode error = node.get("error");
        if (error != null && error.isObject() && error.path("message").isTextual()) {
            return error.get("message").textValue();
        }
        if (error != null && error.isTextual()) return error.textValue();
        if (node.path("message").isTextual()) return node.get("message").textValue();
        return null;
    }

    /** The upstream's own error code from OpenAI's envelope ({@code context_length_exceeded}, say), or null. */
    private static String upstreamCode(JsonNode node) {
        JsonNode code = node.path("error").path("code");
        return code.isTextual() && !code.textValue().isBlank() ? code.textValue() : null;
    }

    static String redact(String message, String key) {
        if (message == null || key == null || key.isBlank()) return message;
        return message.replace(key, "[redacted]");
    }
}
