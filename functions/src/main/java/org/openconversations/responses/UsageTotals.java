package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Adds usage objects field by field: a response that compacted first reports both upstream calls. */
final class UsageTotals {
    private UsageTotals() {}

    static ObjectNode sum(ObjectNode first, ObjectNode second) {
        if (first == null) return second;
        if (second == null) return first;
        ObjectNode total = first.deepCopy();
        add(total, second);
        return total;
    }

    private static void add(ObjectNode total, ObjectNode more) {
        for (Map.Entry<String, JsonNode> field : more.properties()) {
            JsonNode mine = total.get(field.getKey());
            JsonNode theirs = field.getValue();
            if (theirs.isIntegralNumber() && (mine == null || mine.isIntegralNumber())) {
                total.put(field.getKey(), (mine == null ? 0 : mine.longValue()) + theirs.longValue());
            } else if (theirs.isObject() && mine != null && mine.isObject()) {
                add((ObjectNode) mine, (ObjectNode) theirs);
            } else if (mine == null) {
                total.set(field.getKey(), theirs.deepCopy());
            }
        }
    }
}
