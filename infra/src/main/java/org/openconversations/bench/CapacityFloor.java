package org.openconversations.bench;

import java.util.Map;

/**
 * The fewest capacity units the data model allows per route, for the event fixtures' sizes (every row under
 * 1 KB, every read under 4 KB), in DynamoDB's on-demand accounting; README's Benchmarks section derives each.
 * Routes that write in a transaction are not listed: DynamoDB Local does not bill transactions as DynamoDB
 * does (README), so no measured figure there can be held to a floor. A route not listed cannot pass.
 */
final class CapacityFloor {
    private static final Map<String, Double> FLOORS = Map.ofEntries(
            Map.entry("GET /v1/conversations/{conversation_id}", 1.0),
            Map.entry("POST /v1/conversations/{conversation_id}", 1.0),
            Map.entry("DELETE /v1/conversations/{conversation_id}", 1.0),
            Map.entry("GET /v1/conversations/{conversation_id}/items", 2.0),
            Map.entry("GET /v1/conversations/{conversation_id}/items/{item_id}", 3.0),
            Map.entry("DELETE /v1/conversations/{conversation_id}/items/{item_id}", 4.0),
            Map.entry("POST /v1/responses/input_tokens", 2.0),
            Map.entry("POST /v1/responses/compact", 0.0),
            Map.entry("GET /v1/responses/{response_id}", 1.0),
            Map.entry("DELETE /v1/responses/{response_id}", 1.0),
            Map.entry("GET /v1/responses/{response_id}/input_items", 1.0),
            Map.entry("POST /v1/responses/{response_id}/cancel", 1.0),
            Map.entry("ANY /{proxy+}", 0.0));

    private CapacityFloor() {}

    static Double of(String routeKey) {
        return FLOORS.get(routeKey);
    }
}
