package org.openconversations.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Baseline R: what a hand-rolled function over the low-level DynamoDB client costs. For each route it makes
 * the same DynamoDB calls as ours (same keys, consistency, conditions and projections) and writes its JSON by
 * hand. It validates nothing beyond what the calls need: it is the floor we are compared with, not a product.
 */
public final class RawSdkHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final DynamoDbClient DYNAMODB = RawClient.build();

    private final RawConversations conversations = new RawConversations(DYNAMODB);
    private final RawResponses responses = new RawResponses(DYNAMODB);

    /**
     * Built on first use: ours loads only its own route's handler, so the other routes' R must not pay for the
     * response routes' classes (the upstream client, the tokenizer, the cipher) at start.
     */
    private static final class Turns {
        static final RawResponseTurns ROUTE = new RawResponseTurns(DYNAMODB);
    }

    private static final class Tokens {
        static final RawTokens ROUTE = new RawTokens(DYNAMODB);
    }

    private static final class Compaction {
        static final RawCompaction ROUTE = new RawCompaction(DYNAMODB);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String tenant = String.valueOf(event.getRequestContext().getAuthorizer().getLambda().get("tenant"));
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        long remainingMillis = context == null ? 29_000 : context.getRemainingTimeInMillis();
        RawReply reply;
        try {
            reply = route(event, tenant, path, remainingMillis);
        } catch (RawReply.Failed e) {
            reply = e.reply;
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(reply.status())
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(reply.json())
                .build();
    }

    private RawReply route(APIGatewayV2HTTPEvent event, String tenant, Map<String, String> path, long remainingMillis) {
        return switch (event.getRouteKey()) {
            case "POST /v1/conversations" -> conversations.create(tenant, event.getBody());
            case "GET /v1/conversations/{conversation_id}" -> conversations.get(tenant, path.get("conversation_id"));
            case "POST /v1/conversations/{conversation_id}" ->
                    conversations.update(tenant, path.get("conversation_id"), event.getBody());
            case "DELETE /v1/conversations/{conversation_id}" ->
                    conversations.delete(tenant, path.get("conversation_id"));
            case "POST /v1/conversations/{conversation_id}/items" ->
                    conversations.addItems(tenant, path.get("conversation_id"), event.getBody());
            case "GET /v1/conversations/{conversation_id}/items" ->
                    conversations.listItems(tenant, path.get("conversation_id"), event.getQueryStringParameters());
            case "GET /v1/conversations/{conversation_id}/items/{item_id}" ->
                    conversations.getItem(tenant, path.get("conversation_id"), path.get("item_id"));
            case "DELETE /v1/conversations/{conversation_id}/items/{item_id}" ->
                    conversations.deleteItem(tenant, path.get("conversation_id"), path.get("item_id"));
            case "POST /v1/responses" -> Turns.ROUTE.create(tenant, event.getBody(), remainingMillis);
            case "POST /v1/responses/input_tokens" -> Tokens.ROUTE.count(tenant, event.getBody());
            case "POST /v1/responses/compact" -> Compaction.ROUTE.compact(tenant, event.getBody(), remainingMillis);
            case "GET /v1/responses/{response_id}" -> responses.get(tenant, path.get("response_id"));
            case "DELETE /v1/responses/{response_id}" -> responses.delete(tenant, path.get("response_id"));
            case "GET /v1/responses/{response_id}/input_items" -> responses.inputItems(tenant, path.get("response_id"));
            case "POST /v1/responses/{response_id}/cancel" -> responses.cancel(tenant, path.get("response_id"));
            default -> RawReply.error(404, "Invalid URL (" + event.getRequestContext().getHttp().getMethod() + " "
                    + event.getRawPath() + ")");
        };
    }
}
