package org.openconversations.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an HttpApi Lambda authorizer (payload 2.0, simple responses) in front of a route as API Gateway does:
 * a missing identity header is 401 without asking it; otherwise it gets an
 * {@link APIGatewayV2CustomAuthorizerEvent}, and its {@code isAuthorized} decides (false: 403). Its answer is
 * cached per identity for the TTL; a failure or an unreadable answer is a 500. An allowed request carries the
 * answer's {@code context} to the route as {@code requestContext.authorizer.lambda}.
 */
final class LambdaAuthorizer {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaAuthorizer.class);

    /** What the gateway does with a request: pass it on with the context, or answer it with a bare message. */
    record Decision(int status, Map<String, Object> context) {

        static final Decision UNAUTHORIZED = new Decision(401, Map.of());
        static final Decision FORBIDDEN = new Decision(403, Map.of());
        static final Decision FAILED = new Decision(500, Map.of());

        static Decision allow(Map<String, Object> context) {
            return new Decision(200, Collections.unmodifiableMap(new LinkedHashMap<>(context)));
        }

        boolean allowed() {
            return status == 200;
        }

        /** API Gateway's own bodies for its refusals. */
        String body() {
            return switch (status) {
                case 401 -> "{\"message\":\"Unauthorized\"}";
                case 403 -> "{\"message\":\"Forbidden\"}";
                default -> "{\"message\":\"Internal Server Error\"}";
            };
        }
    }

    private final AuthorizerDefinition definition;
    private final LambdaFunction function;
    private final Duration ttl;
    private final AuthorizerCache<Decision> cache;

    /** @param ttl how long answers are cached; the template's ReauthorizeEvery unless overridden */
    LambdaAuthorizer(AuthorizerDefinition definition, LambdaFunction function, Duration ttl) {
        this.definition = definition;
        this.function = function;
        this.ttl = ttl;
        this.cache = new AuthorizerCache<>(ttl);
    }

    AuthorizerDefinition definition() {
        return definition;
    }

    /** Decides on a route's event; when allowed, the event's requestContext carries the authorizer's context. */
    Decision authorize(APIGatewayV2HTTPEvent route) {
        List<String> identity = new ArrayList<>();
        for (String header : definition.identityHeaders()) {
            String value = route.getHeaders() == null ? null : route.getHeaders().get(header.toLowerCase(Locale.ROOT));
            if (value == null || value.isBlank()) {
                return Decision.UNAUTHORIZED;
            }
            identity.add(value);
        }
        Decision decision = cache.get(identity).orElseGet(() -> {
            Decision fresh = invoke(event(route, identity));
            if (fresh.status() != 500) {
                cache.put(identity, fresh);
            }
            return fresh;
        });
        if (decision.allowed()) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setLambda(decision.context());
            route.getRequestContext().setAuthorizer(authorizer);
        }
        return decision;
    }

    private Decision invoke(APIGatewayV2CustomAuthorizerEvent event) {
        Object answer;
        try {
            answer = function.invoke(event);
        } catch (Throwable e) {
            // The event (with its Authorization header) is never logged.
            LOG.error("Authorizer {} ({}) failed on {}", definition.name(), function.name(), event.getRouteKey(), e);
            return Decision.FAILED;
        }
        if (answer instanceof Map<?, ?> map && map.get("isAuthorized") instanceof Boolean authorized) {
            if (!authorized) {
                return Decision.FORBIDDEN;
            }
            Object context = map.get("context");
            if (context == null) {
                return Decision.allow(Map.of());
            }
            if (context instanceof Map<?, ?> values) {
                Map<String, Object> copy = new LinkedHashMap<>();
                values.forEach((key, value) -> copy.put(String.valueOf(key), value));
                return Decision.allow(copy);
            }
        }
        LOG.error("Authorizer {} ({}) answered without a boolean isAuthorized, or with a context that is not a map",
                definition.name(), function.name());
        return Decision.FAILED;
    }

    /** The authorizer's event for a route's event, as API Gateway builds it for payload format 2.0. */
    static APIGatewayV2CustomAuthorizerEvent event(APIGatewayV2HTTPEvent route, List<String> identity) {
        APIGatewayV2HTTPEvent.RequestContext context = route.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = context.getHttp();

        APIGatewayV2CustomAuthorizerEvent.Http authorizerHttp = new APIGatewayV2CustomAuthorizerEvent.Http();
        authorizerHttp.setMethod(http.getMethod());
        authorizerHttp.setPath(http.getPath());
        authorizerHttp.setProtocol(http.getProtocol());
        authorizerHttp.setSourceIp(http.getSourceIp());
        authorizerHttp.setUserAgent(http.getUserAgent());

        APIGatewayV2CustomAuthorizerEvent.RequestContext authorizerContext =
                new APIGatewayV2CustomAuthorizerEvent.RequestContext();
        authorizerContext.setAccountId(context.getAccountId());
        authorizerContext.setApiId(context.getApiId());
        authorizerContext.setDomainName(context.getDomainName());
        authorizerContext.setDomainPrefix(context.getDomainPrefix());
        authorizerContext.setHttp(authorizerHttp);
        authorizerContext.setRequestId(context.getRequestId());
        authorizerContext.setRouteKey(context.getRouteKey());
        authorizerContext.setStage(context.getStage());
        authorizerContext.setTime(context.getTime());
        authorizerContext.setTimeEpoch(context.getTimeEpoch());

        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteArn("arn:aws:execute-api:" + DynamoDbClients.REGION + ":" + context.getAccountId() + ":"
                + context.getApiId() + "/" + context.getStage() + "/" + http.getMethod() + route.getRawPath());
        event.setIdentitySource(List.copyOf(identity));
        event.setRouteKey(route.getRouteKey());
        event.setRawPath(route.getRawPath());
        event.setRawQueryString(route.getRawQueryString());
        event.setCookies(route.getCookies());
        event.setHeaders(route.getHeaders());
        event.setQueryStringParameters(route.getQueryStringParameters());
        event.setPathParameters(route.getPathParameters());
        event.setRequestContext(authorizerContext);
        return event;
    }

    /** For logs: which authorizer guards a route, without anything of a request. */
    @Override
    public String toString() {
        return definition.name() + " (" + function.name() + ", results cached " + ttl.toSeconds() + " s)";
    }
}
