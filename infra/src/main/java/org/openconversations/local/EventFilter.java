package org.openconversations.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Lambda event source mapping's FilterCriteria, limited to what the local gateway implements:
 * patterns of the form {@code {"eventName": ["REMOVE", ...]}}. Any other pattern is rejected rather
 * than ignored, so a filter never silently lets through records that Lambda would drop.
 */
public final class EventFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Null when there are no patterns, i.e. every record passes. */
    private final Set<String> eventNames;

    private EventFilter(Set<String> eventNames) {
        this.eventNames = eventNames;
    }

    /** Patterns are alternatives: a record passes if it matches any of them. */
    public static EventFilter of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return new EventFilter(null);
        }
        Set<String> eventNames = new HashSet<>();
        for (String pattern : patterns) {
            eventNames.addAll(eventNamesOf(pattern));
        }
        return new EventFilter(eventNames);
    }

    public boolean matches(String eventName) {
        return eventNames == null || eventNames.contains(eventName);
    }

    private static Set<String> eventNamesOf(String pattern) {
        JsonNode root;
        try {
            root = JSON.readTree(pattern);
        } catch (JsonProcessingException e) {
            throw unsupported(pattern, "it is not valid JSON");
        }
        if (root == null || !root.isObject() || root.size() != 1 || !root.has("eventName")) {
            throw unsupported(pattern, "only {\"eventName\": [...]} patterns are implemented locally");
        }
        JsonNode values = root.get("eventName");
        if (!values.isArray() || values.isEmpty()) {
            throw unsupported(pattern, "eventName must be a non-empty array of strings");
        }
        Set<String> names = new HashSet<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw unsupported(pattern, "eventName must list plain strings, not " + value);
            }
            names.add(value.asText());
        }
        return names;
    }

    private static IllegalArgumentException unsupported(String pattern, String reason) {
        return new IllegalArgumentException("Unsupported FilterCriteria pattern " + pattern + ": " + reason);
    }
}
