package org.openconversations.domain;

import java.util.Map;

/** The wire-level conversation: id, creation time (Unix seconds) and its metadata map. */
public record Conversation(String id, long createdAt, Map<String, String> metadata) {}
