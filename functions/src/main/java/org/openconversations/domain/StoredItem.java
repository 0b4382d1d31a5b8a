package org.openconversations.domain;

/** An item as stored: its id, its position in the conversation, and its normalised JSON, served verbatim. */
public record StoredItem(String id, long seq, String json) {}
