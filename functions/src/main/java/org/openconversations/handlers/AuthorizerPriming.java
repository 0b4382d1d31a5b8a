package org.openconversations.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import java.util.Map;
import org.openconversations.auth.ApiKeys;
import org.openconversations.http.BeforeSnapshot;

/**
 * Runs the authorizer once before SnapStart snapshots its function, as the route functions are primed
 * (http/SnapStartPriming): the authorizer stands in front of every route, so a restored environment that still
 * had to load the DynamoDB client, its signer and HMAC on its first request would slow the first request of
 * every key it sees. The priming key is well formed, so it is hashed and looked up, and belongs to no one, so
 * the lookup finds nothing and nothing is written. Priming never fails the snapshot.
 */
final class AuthorizerPriming extends BeforeSnapshot {
    /** Well formed (sk-oc- and 43 letters and digits), and never issued: issued keys are random. */
    static final String KEY = ApiKeys.PREFIX + "snapstartprimingkey" + "0".repeat(24);

    private final ApiKeyAuthorizerHandler handler;

    private AuthorizerPriming(ApiKeyAuthorizerHandler handler) {
        this.handler = handler;
    }

    /** Registers the handler for priming; the caller keeps the result, as CRaC holds resources weakly. */
    static AuthorizerPriming register(ApiKeyAuthorizerHandler handler) {
        return BeforeSnapshot.register(new AuthorizerPriming(handler));
    }

    @Override
    protected void runBeforeSnapshot() {
        prime();
    }

    /** The authorizer's answer to the priming key, or null if it threw (logged, never rethrown). */
    Map<String, Object> prime() {
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setHeaders(Map.of("authorization", "Bearer " + KEY));
        try {
            return handler.handleRequest(event, null);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("SnapStart priming of the authorizer failed: " + e);
            return null;
        }
    }
}
