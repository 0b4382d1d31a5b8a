package org.openconversations.responses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openconversations.domain.ItemPage;
import org.openconversations.domain.ListItemsQuery;
import org.openconversations.domain.StoredItem;
import org.openconversations.errors.InvalidRequestException;

/** Pages a response's input items (one stored array) with the same after/limit/order rules as conversation items. */
public final class InputItemsPage {
    private InputItemsPage() {}

    public static ItemPage of(List<StoredItem> input, ListItemsQuery query) {
        List<StoredItem> ordered = new ArrayList<>(input);
        if (!query.ascending()) Collections.reverse(ordered);
        int from = 0;
        if (query.after() != null) {
            from = indexOf(ordered, query.after()) + 1;
        }
        int to = Math.min(ordered.size(), from + query.limit());
        return new ItemPage(List.copyOf(ordered.subList(from, to)), to < ordered.size());
    }

    private static int indexOf(List<StoredItem> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) return i;
        }
        throw InvalidRequestException.unknownCursor(id, "this response's input");
    }
}
