package org.openconversations.bench;

import java.util.Map;

/**
 * The fewest capacity units the data model allows per route, for the event fixtures' sizes (every row under
 * 1 KB, every read under 4 KB), in DynamoDB's on-demand accounting; README's Benchmarks section derives each.
 * A route not listed has no floor yet, and its row cannot pass.
 */
final class CapacityFloor {
    private static final Map<String, Double> FLOORS = Map.ofEntries();

    private CapacityFloor() {}

    static Double of(String routeKey) {
        return FLOORS.get(routeKey);
    }
}
