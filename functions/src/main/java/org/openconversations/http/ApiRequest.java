package org.openconversations.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openconversations.domain.ConversationKey;
import org.openconversations.errors.AuthenticationException;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.errors.PermissionDeniedException;
import org.openconversations.json.Json;

/** What a handler needs of an API Gateway HTTP API (payload 2.0) event, decoded and validated. */
public final class ApiRequest {
    // Outside Lambda (tests without a context) a call may take this long.
    private static final Duration NO_DEADLINE = Duration.ofSeconds(60);

    private final APIGatewayV2HTTPEvent event;
    private final Context context;
    private List<String[]> query;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this(event, null);
    }

    public ApiRequest(APIGatewayV2HTTPEvent event, Context context) {
        this.event = event;
        this.context = context;
    }

    /** Time left before Lambda stops this invocation. */
    public Duration remainingTime() {
        return context == null ? NO_DEADLINE : Duration.ofMillis(context.getRemainingTimeInMillis());
    }

    /**
     * The caller's tenant, as the API key authorizer found it; every stored key is scoped by it. No tenant
     * (no authorizer context, or a refused key) is the contract's 401; an {@code OpenAI-Project} header naming
     * another project is 403.
     */
    public String tenant() {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        Map<String, Object> caller = authorizer == null ? null : authorizer.getLambda();
        if (caller == null || !(caller.get("tenant") instanceof String tenant) || tenant.isEmpty()) {
            throw AuthenticationException.invalidApiKey();
        }
        String project = header("openai-project", "Openai-Project");
        if (project != null && !project.isBlank() && !project.trim().equals(tenant)) {
            throw PermissionDeniedException.project(project.trim());
        }
        return tenant;
    }

    /**
     * A request header, or null, looked up by its lowercase name (how API Gateway's payload 2.0 and the local
     * gateway deliver every name) and then its Title-Case one ({@code sam local start-api}'s spelling). No
     * case-insensitive scan of every header: that was a tenth of the catch-all route's warm time, on every
     * request of every route, for spellings only a hand-written event has.
     */
    String header(String lowercaseName, String titleCaseName) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) return null;
        String value = headers.get(lowercaseName);
        return value != null ? value : headers.get(titleCaseName);
    }

    public String requestId() {
        var context = event.getRequestContext();
        return context == null || context.getRequestId() == null ? "" : context.getRequestId();
    }

    public String method() {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? "" : context.getHttp().getMethod();
    }

    public String path() {
        return event.getRawPath() == null ? "" : event.getRawPath();
    }

    public String pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        return value == null ? "" : value;
    }

    public ConversationKey conversation() {
        return new ConversationKey(tenant(), pathParameter("conversation_id"));
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        for (String[] pair : queryPairs()) {
            if (pair[0].equals(name)) return pair[1];
        }
        return null;
    }

    /** Every value under any of these names, in order: {@code include[]=a&include=b} gives [a, b]. */
    public List<String> queryAll(String... names) {
        List<String> values = new ArrayList<>();
        for (String[] pair : queryPairs()) {
            for (String name : names) {
                if (pair[0].equals(name)) values.add(pair[1]);
            }
        }
        return values;
    }

    /** SDKs send {@code include[]=}; hand-written clients often send {@code include=}. Both count. */
    public List<String> includes() {
        return queryAll("include[]", "include");
    }

    /** The body as JSON; an absent or empty body is the contract's parse error. */
    public JsonNode jsonBody() {
        String text = bodyText();
        if (text.isBlank()) throw InvalidRequestException.invalidJson();
        return Json.parse(text);
    }

    /** The body as JSON, an empty object when there is none (for routes whose body is optional). */
    public JsonNode optionalJsonBody() {
        String text = bodyText();
        return text.isBlank() ? Json.object() : Json.parse(text);
    }

    private String bodyText() {
        String body = event.getBody();
        if (body == null) return "";
        if (!event.getIsBase64Encoded()) return body;
        try {
            byte[] bytes = Base64.getDecoder().decode(body);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw InvalidRequestException.invalidJson();
        }
    }

    // Parsed from rawQueryString rather than queryStringParameters: API Gateway joins repeated keys with
    // commas there, which would corrupt values that contain commas.
    private List<String[]> queryPairs() {
        if (query != null) return query;
        List<String[]> pairs = new ArrayList<>();
        String raw = event.getRawQueryString();
        if (raw != null && !raw.isEmpty()) {
            for (String part : raw.split("&")) {
                if (part.isEmpty()) continue;
                int eq = part.indexOf('=');
                String name = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                pairs.add(new String[] {decode(name), decode(value)});
            }
        } else if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> pairs.add(new String[] {name, value}));
        }
        query = pairs;
        return pairs;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of(
                    "Invalid query string: malformed percent-encoding.", null, "invalid_value");
        }
    }
}
