package org.openconversations.domain;

import java.util.List;

/**
 * What the contract says of one item {@code type}: its id prefix and the statuses it may carry.
 * {@code defaultStatus} is what the server assigns when the client sends none; null means the type has
 * no status the server should invent.
 */
public record ItemKind(String type, String idPrefix, List<String> statuses, String defaultStatus) {
    public boolean hasStatus() {
        return !statuses.isEmpty();
    }
}
