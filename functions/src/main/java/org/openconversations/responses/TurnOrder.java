package org.openconversations.responses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.openconversations.compaction.CompactionItems;

/**
 * The order a finished turn's items take in a conversation or a previous_response_id chain: its input, then
 * its output. A compaction item the server made for the turn comes first of all, before the input, because it
 * stands for everything that came before that input; a context that starts at the latest compaction item then
 * still holds the turn's own input.
 */
final class TurnOrder {
    private TurnOrder() {}

    static <T extends JsonNode> List<JsonNode> of(List<T> input, JsonNode output) {
        List<JsonNode> items = new ArrayList<>(input.size() + output.size());
        boolean compacted = !output.isEmpty() && CompactionItems.isCompaction(output.get(0));
        if (compacted) items.add(output.get(0));
        items.addAll(input);
        for (int i = compacted ? 1 : 0; i < output.size(); i++) items.add(output.get(i));
        return items;
    }
}
