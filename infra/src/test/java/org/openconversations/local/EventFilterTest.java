package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    @Test
    void passes_only_the_listed_event_names() {
        EventFilter filter = EventFilter.of(List.of("{\"eventName\": [\"REMOVE\"]}"));
        assertTrue(filter.matches("REMOVE"));
        assertFalse(filter.matches("INSERT"));
        assertFalse(filter.matches("MODIFY"));
    }

    @Test
    void passes_a_record_matching_any_of_several_patterns() {
        EventFilter filter = EventFilter.of(List.of("{\"eventName\": [\"REMOVE\"]}", "{\"eventName\": [\"INSERT\"]}"));
        assertTrue(filter.matches("INSERT"));
        assertFalse(filter.matches("MODIFY"));
    }

    @Test
    void passes_everything_without_patterns() {
        assertTrue(EventFilter.of(List.of()).matches("MODIFY"));
    }

    @Test
    void rejects_patterns_on_other_fields() {
        assertThrows(IllegalArgumentException.class,
                () -> EventFilter.of(List.of("{\"eventName\": [\"REMOVE\"], \"dynamodb\": {\"Keys\": {}}}")));
    }

    @Test
    void rejects_content_filters_on_event_name() {
        assertThrows(IllegalArgumentException.class,
                () -> EventFilter.of(List.of("{\"eventName\": [{\"anything-but\": [\"REMOVE\"]}]}")));
    }
}
