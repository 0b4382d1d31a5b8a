package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Splitting a request target and telling whether it can be decoded, without HTTP. */
class RequestTargetTest {

    @Test
    void splits_path_and_query_at_the_first_question_mark() {
        assertEquals(new RequestTarget("/v1/x", "a=1?b=2"), RequestTarget.parse("/v1/x?a=1?b=2"));
    }

    @Test
    void has_no_query_without_a_question_mark_and_an_empty_one_after_a_bare_one() {
        assertNull(RequestTarget.parse("/v1/x").rawQuery());
        assertEquals("", RequestTarget.parse("/v1/x?").rawQuery());
    }

    @Test
    void drops_the_fragment() {
        assertEquals(new RequestTarget("/v1/x", "a=1"), RequestTarget.parse("/v1/x?a=1#frag?b"));
        assertEquals(new RequestTarget("/v1/x", null), RequestTarget.parse("/v1/x#a?b=1"));
    }

    @Test
    void keeps_the_path_exactly_as_received() {
        assertEquals("/v1/../v1/./x//%2e%2e/a%2Fb;p=1", RequestTarget.parse("/v1/../v1/./x//%2e%2e/a%2Fb;p=1").rawPath());
    }

    @Test
    void drops_scheme_and_authority_of_an_absolute_form_target() {
        assertEquals(new RequestTarget("/v1/x", "a=1"), RequestTarget.parse("http://127.0.0.1:3000/v1/x?a=1"));
        assertEquals(new RequestTarget("", null), RequestTarget.parse("http://127.0.0.1"));
    }

    @Test
    void is_well_formed_when_every_percent_starts_an_escape() {
        assertTrue(RequestTarget.parse("/v1/a%2Fb%e2%80%AE?q=%00%ff&x").isWellFormed());
        assertTrue(RequestTarget.parse("/v1/x#%zz").isWellFormed());
    }

    @Test
    void is_malformed_with_a_broken_escape_in_path_or_query() {
        for (String target : new String[] {"/v1/%zz", "/v1/x%", "/v1/x%2", "/v1/%u002e", "/v1/x?after=%",
                "/v1/x?limit=%zz", "/v1/x?order=%2", "/v1/%\u0663\u0663", "/v1/%%41"}) {
            assertFalse(RequestTarget.parse(target).isWellFormed(), target);
        }
    }
}
