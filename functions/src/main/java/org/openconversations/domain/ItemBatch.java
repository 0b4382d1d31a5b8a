package org.openconversations.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;

/** The {@code items} array of a create or add request: at most 20 items, each valid, no id twice. */
public final class ItemBatch {
    public static final int MAX_ITEMS = 20;
    private static final String PARAM = "items";

    private ItemBatch() {}

    /** @param node the {@code items} value; null or JSON null yields no items */
    public static List<NewItem> parse(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) {
            throw InvalidRequestException.invalidType(PARAM, "an array", Json.describeType(node));
        }
        if (node.size() > MAX_ITEMS) throw InvalidRequestException.arrayTooLong(PARAM, MAX_ITEMS, node.size());
        List<NewItem> items = new ArrayList<>(node.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            NewItem item = ItemNormalizer.normalize(node.get(i), PARAM + "[" + i + "]");
            if (!ids.add(item.id())) throw InvalidRequestException.duplicateItem(item.id());
            items.add(item);
        }
        return items;
    }
}
