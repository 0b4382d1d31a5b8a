package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;

class RetrieveQueryTest {
    @Test
    void no_stream_and_stream_false_read_the_stored_response() {
        assertDoesNotThrow(() -> RetrieveQuery.check(null, List.of()));
        assertDoesNotThrow(() -> RetrieveQuery.check("", List.of()));
        assertDoesNotThrow(() -> RetrieveQuery.check("false", List.of("reasoning.encrypted_content")));
    }

    @Test
    void stream_true_is_an_unsupported_parameter() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> RetrieveQuery.check("true", List.of()));

        assertEquals("stream", e.param());
        assertEquals("unsupported_parameter", e.code());
        assertEquals("Streaming a response ('stream=true') is only possible for background responses, which this"
                + " server does not support: retrieve it without 'stream'.", e.getMessage());
    }

    @Test
    void stream_that_is_not_a_boolean_is_an_invalid_type() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> RetrieveQuery.check("yes", List.of()));

        assertEquals("stream", e.param());
        assertEquals("invalid_type", e.code());
    }

    @Test
    void an_unsupported_include_is_refused_before_stream_is_read() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> RetrieveQuery.check("true", List.of("reasoning.everything")));

        assertEquals("include", e.param());
    }
}
