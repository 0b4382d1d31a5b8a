package org.openconversations.domain;

import java.util.List;

/** One page of a conversation's items in the requested order; {@code hasMore} is exact, not a guess. */
public record ItemPage(List<StoredItem> items, boolean hasMore) {}
