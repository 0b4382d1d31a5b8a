package org.openconversations.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import org.openconversations.store.DynamoConversationRepository;
import org.openconversations.store.DynamoDb;

/**
 * Runs a route's own code once before SnapStart snapshots its function, so the snapshot holds Jackson, the
 * event classes, the SDK's marshallers, signer and HTTP client already loaded and initialised instead of
 * every restored environment paying for them on its first request.
 *
 * <p>The priming request can change nothing: its ids name no stored object and its body carries an unknown
 * parameter, so a write route refuses it (400) before touching the store, and a read or delete route finds
 * nothing (404). A key read of a conversation that does not exist warms the DynamoDB path for the write
 * routes too. Priming never fails the snapshot: whatever it throws is logged and dropped.
 */
public final class SnapStartPriming extends BeforeSnapshot {
    static final String TENANT = "snapstart-priming";
    private static final String CONVERSATION = "conv_snapstartpriming";

    private final ApiHandler handler;

    private SnapStartPriming(ApiHandler handler) {
        this.handler = handler;
    }

    /** Registers the handler for priming; the caller keeps the result, as CRaC holds resources weakly. */
    static SnapStartPriming register(ApiHandler handler) {
        return BeforeSnapshot.register(new SnapStartPriming(handler));
    }

    @Override
    protected void runBeforeSnapshot() {
        prime();
    }

    /** Package-visible so tests can show it writes nothing; returns the route's status code, or -1 if it threw. */
    int prime() {
        try {
            DynamoConversationRepository.fromEnvironment(DynamoDb.shared()).find(TENANT + "#" + CONVERSATION);
            int status = handler.handleRequest(event(), null).getStatusCode();
            handler.warmUp();
            return status;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("SnapStart priming of " + handler.getClass().getSimpleName() + " failed: " + e);
            return -1;
        }
    }

    static APIGatewayV2HTTPEvent event() {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setLambda(Map.of("tenant", TENANT));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath("/v1/snapstart-priming")
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json"))
                .withPathParameters(Map.of("conversation_id", CONVERSATION, "item_id", "msg_snapstartpriming",
                        "response_id", "resp_snapstartpriming"))
                .withBody("{\"snapstart_priming\":true}")
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("snapstart-priming")
                        .withRouteKey("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/v1/snapstart-priming").build())
                        .withAuthorizer(authorizer)
                        .build())
                .build();
    }
}
