package org.openconversations.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import java.util.Map;
import org.openconversations.auth.ApiKeyAuthenticator;

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses). It always allows, and tells the route
 * functions who is calling through its context: {@code tenant}, or {@code auth_error}. API Gateway answers a
 * denial with a bare {@code {"message":"Forbidden"}} that no SDK reads as an OpenAI error, so the 401 in the
 * OpenAI envelope is answered by the route function instead (see ApiRequest.tenant).
 */
public final class ApiKeyAuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private final ApiKeyAuthenticator authenticator;
    // Held by the handler: a CRaC context may keep its resources only weakly.
    private final AuthorizerPriming priming = AuthorizerPriming.register(this);

    /** Reads the pepper and opens the keys table at init, once per execution environment. */
    public ApiKeyAuthorizerHandler() {
        this(Services.newAuthenticator());
    }

    public ApiKeyAuthorizerHandler(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        String authorization = null;
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase("authorization")) authorization = header.getValue();
            }
        }
        Map<String, Object> caller = authenticator.tenantOf(authorization)
                .<Map<String, Object>>map(tenant -> Map.of("tenant", tenant))
                .orElse(Map.of("auth_error", "invalid_api_key"));
        return Map.of("isAuthorized", true, "context", caller);
    }
}
