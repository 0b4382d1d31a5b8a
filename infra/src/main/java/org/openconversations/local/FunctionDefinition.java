package org.openconversations.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::Function} of the template with its Globals applied: environment
 * variables merged (the function's own win), Timeout and MemorySize inherited.
 */
public record FunctionDefinition(
        String logicalId,
        String handler,
        List<HttpApiEvent> httpApiEvents,
        List<DynamoDbStreamEvent> streamEvents,
        Map<String, Object> environment,
        int timeoutSeconds,
        int memorySizeMb,
        Map<String, Object> properties) {

    /**
     * An {@code HttpApi} event; a missing Path and Method means the {@code $default} route.
     *
     * @param apiId the {@code ApiId: !Ref Api} it belongs to; empty for SAM's implicit API
     * @param authorizer the event's own {@code Auth.Authorizer} (a name, or NONE); empty for the API's default
     */
    public record HttpApiEvent(String name, String method, String path, Optional<String> apiId,
            Optional<String> authorizer) {

        public static final String DEFAULT_ROUTE = "$default";
        /** {@code Auth.Authorizer: NONE}: the route is open even when its API has a default authorizer. */
        public static final String NO_AUTHORIZER = "NONE";

        public HttpApiEvent(String name, String method, String path) {
            this(name, method, path, Optional.empty(), Optional.empty());
        }

        public String routeKey() {
            return path.equals(DEFAULT_ROUTE) ? DEFAULT_ROUTE : method + " " + path;
        }
    }

    /** A {@code DynamoDB} stream event source. */
    public record DynamoDbStreamEvent(
            String name,
            Object stream,
            String startingPosition,
            int batchSize,
            int maximumRetryAttempts,
            List<String> filterPatterns,
            List<String> functionResponseTypes) {

        /** The table whose stream this is, when Stream is {@code !GetAtt Table.StreamArn}. */
        public Optional<String> tableLogicalId() {
            return Intrinsics.getAtt(stream)
                    .filter(target -> target.attribute().equals("StreamArn"))
                    .map(Intrinsics.GetAtt::resource);
        }
    }

    /** {@code pkg.Class} of {@code pkg.Class::method}. */
    public String handlerClassName() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    /** {@code method} of {@code pkg.Class::method}; Lambda defaults to handleRequest. */
    public String handlerMethodName() {
        int separator = handler.indexOf("::");
        return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    }

    /** The function's Policies property as written (a list, a single policy, or empty). */
    public List<Object> policies() {
        Object policies = properties.get("Policies");
        if (policies == null) {
            return List.of();
        }
        return policies instanceof List<?> list
                ? java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list))
                : List.of(policies);
    }

    public Optional<Object> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }
}
