package org.openconversations.store;

import java.util.List;

/** The rows one Query returned; {@code truncated} when DynamoDB stopped early (limit or its 1 MB cap). */
public record ItemRows(List<ItemRecord> rows, boolean truncated) {}
