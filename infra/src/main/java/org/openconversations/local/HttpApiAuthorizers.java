package org.openconversations.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Lambda authorizer guards each HttpApi route, read from the template as SAM reads it: the route's API
 * ({@code ApiId}, or Globals.HttpApi for the implicit one) names its {@code Auth.DefaultAuthorizer}, and a
 * route's own {@code Auth.Authorizer} overrides it ({@code NONE}: open). What the gateway cannot run the way
 * API Gateway would (JWT or IAM authorizers, payload 1.0, IAM-policy responses, identity sources other than
 * headers) fails the start instead of leaving a route open.
 */
public final class HttpApiAuthorizers {

    /** The authorizer function's setting that names the keys table. */
    public static final String KEYS_TABLE = "KEYS_TABLE";

    private HttpApiAuthorizers() {
    }

    /** Route key (as {@link RouteTable.Route#routeKey()}) to its authorizer; open routes are absent. */
    public static Map<String, AuthorizerDefinition> byRouteKey(CloudFormationTemplate template) {
        Map<String, AuthorizerDefinition> byRoute = new LinkedHashMap<>();
        for (FunctionDefinition function : template.functions()) {
            for (FunctionDefinition.HttpApiEvent event : function.httpApiEvents()) {
                String where = function.logicalId() + " event " + event.name();
                Map<String, Object> auth = auth(template, event.apiId(), where);
                Optional<String> name = event.authorizer().or(() -> Optional.ofNullable(auth.get("DefaultAuthorizer"))
                        .map(String::valueOf));
                if (name.isEmpty() || name.get().equals(FunctionDefinition.HttpApiEvent.NO_AUTHORIZER)) {
                    continue;
                }
                String routeKey = new RouteTable.Route(event.method(), event.path(), function.logicalId()).routeKey();
                byRoute.put(routeKey, authorizer(template, auth, name.get(), where));
            }
        }
        return byRoute;
    }

    /**
     * The API keys table: {@code KEYS_TABLE} of the functions behind the template's authorizers, resolved as
     * the gateway resolves every function's environment (a {@code !Ref} to a table is its local name).
     */
    public static Optional<String> keysTable(CloudFormationTemplate template) {
        return byRouteKey(template).values().stream()
                .map(AuthorizerDefinition::functionId)
                .distinct()
                .flatMap(id -> template.function(id).stream())
                .flatMap(function -> Optional.ofNullable(function.environment().get(KEYS_TABLE)).stream())
                .flatMap(value -> HandlerEnvironment.resolve(template, value).stream())
                .findFirst();
    }

    private static Map<String, Object> auth(CloudFormationTemplate template, Optional<String> apiId, String where) {
        Map<String, Object> api;
        if (apiId.isPresent()) {
            if (!template.resourceType(apiId.get()).filter(CloudFormationTemplate.HTTP_API_TYPE::equals).isPresent()) {
                throw new IllegalArgumentException(where + ": ApiId " + apiId.get() + " is not an "
                        + CloudFormationTemplate.HTTP_API_TYPE + " of the template");
            }
            api = map(template.resource(apiId.get()).orElseThrow().get("Properties"), apiId.get() + " Properties");
        } else {
            api = template.globalHttpApiProperties();
        }
        return map(api.get("Auth"), where + " Auth");
    }

    private static AuthorizerDefinition authorizer(CloudFormationTemplate template, Map<String, Object> auth,
            String name, String where) {
        Object definition = map(auth.get("Authorizers"), where + " Auth.Authorizers").get(name);
        if (definition == null) {
            throw new IllegalArgumentException(where + ": authorizer " + name
                    + " is not defined under the API's Auth.Authorizers");
        }
        Map<String, Object> authorizer = map(definition, "authorizer " + name);
        String what = "authorizer " + name;
        if (authorizer.containsKey("JwtConfiguration")) {
            throw unsupported(what, "JWT authorizers are not run locally");
        }
        // !Ref Function.Alias is SAM's ARN of the function's AutoPublishAlias (what SnapStart needs invoked).
        String functionId = Intrinsics.getAtt(authorizer.get("FunctionArn"))
                .filter(target -> target.attribute().equals("Arn"))
                .map(Intrinsics.GetAtt::resource)
                .or(() -> Intrinsics.ref(authorizer.get("FunctionArn"))
                        .filter(ref -> ref.endsWith(".Alias"))
                        .map(ref -> ref.substring(0, ref.length() - ".Alias".length())))
                .filter(id -> template.resourceType(id).filter(CloudFormationTemplate.FUNCTION_TYPE::equals).isPresent())
                .orElseThrow(() -> unsupported(what,
                        "FunctionArn must be !GetAtt <a function of the template>.Arn or !Ref <function>.Alias"));
        if (!"2.0".equals(String.valueOf(authorizer.get("AuthorizerPayloadFormatVersion")))) {
            throw unsupported(what, "only AuthorizerPayloadFormatVersion \"2.0\" is run locally");
        }
        if (!Boolean.TRUE.equals(authorizer.get("EnableSimpleResponses"))) {
            throw unsupported(what, "only EnableSimpleResponses: true is run locally");
        }
        Map<String, Object> identity = map(authorizer.get("Identity"), what + " Identity");
        for (String source : List.of("QueryStrings", "StageVariables", "Context")) {
            if (identity.containsKey(source)) {
                throw unsupported(what, "Identity." + source + " is not run locally; use Identity.Headers");
            }
        }
        List<String> headers = new ArrayList<>();
        if (identity.get("Headers") instanceof List<?> list) {
            list.forEach(header -> headers.add(String.valueOf(header)));
        } else if (identity.get("Headers") != null) {
            throw unsupported(what, "Identity.Headers must be a list");
        }
        return new AuthorizerDefinition(name, functionId, headers,
                Duration.ofSeconds(seconds(template, identity, what)));
    }

    private static long seconds(CloudFormationTemplate template, Map<String, Object> identity, String what) {
        Object value = identity.get("ReauthorizeEvery");
        if (value == null) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(HandlerEnvironment.resolve(template, value).orElse(String.valueOf(value)));
            if (seconds < 0 || seconds > 3600) {
                throw unsupported(what, "ReauthorizeEvery must be 0 to 3600 seconds, got " + value);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw unsupported(what, "ReauthorizeEvery must be a number of seconds, got " + value);
        }
    }

    private static IllegalArgumentException unsupported(String what, String why) {
        return new IllegalArgumentException(what + ": " + why);
    }

    private static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " must be a mapping, got: " + value);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, entry) -> result.put(String.valueOf(key), entry));
        return result;
    }
}
