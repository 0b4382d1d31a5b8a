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

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String tenant = String.valueOf(event.getRequestContext().getAuthorizer().getLambda().get("tenant"));
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        RawReply reply = switch (event.getRouteKey()) {
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
            case "GET /v1/responses/{response_id}" -> responses.get(tenant, path.get("response_id"));
            case "DELETE /v1/responses/{response_id}" -> responses.delete(tenant, path.get("response_id"));
            case "GET /v1/responses/{response_id}/input_items" -> responses.inputItems(tenant, path.get("response_id"));
            case "POST /v1/responses/{response_id}/cancel" -> responses.cancel(tenant, path.get("response_id"));
            default -> RawReply.error(404, "Invalid URL (" + event.getRequestContext().getHttp().getMethod() + " "
                    + event.getRawPath() + ")");
        };
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(reply.status())
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(reply.json())
                .build();
    }
}
