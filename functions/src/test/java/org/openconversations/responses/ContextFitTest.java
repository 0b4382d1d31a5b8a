package org.openconversations.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.json.Json;
import org.openconversations.tokens.TokenCounter;
import org.openconversations.tokens.Tokenizer;

class ContextFitTest {
    private static final TokenCounter COUNTER = new TokenCounter(Tokenizer.O200K_BASE);

    private static ObjectNode user(String text) {
        return (ObjectNode) Json.parse("{\"type\":\"message\",\"role\":\"user\",\"content\":\"" + text + "\"}");
    }

    private static ObjectNode call(String callId) {
        return (ObjectNode) Json.parse("{\"type\":\"function_call\",\"call_id\":\"" + callId
                + "\",\"name\":\"lookup\",\"arguments\":\"{}\"}");
    }

    private static ObjectNode output(String callId) {
        return (ObjectNode) Json.parse("{\"type\":\"function_call_output\",\"call_id\":\"" + callId
                + "\",\"output\":\"found it\"}");
    }

    /** A window that holds the input and exactly {@code items} of these history items, no more. */
    private static int windowFor(List<ObjectNode> input, List<ObjectNode> history) {
        return COUNTER.items(input) + COUNTER.items(history);
    }

    @Test
    void without_truncation_everything_that_fits_is_sent_oldest_first() {
        List<ObjectNode> input = List.of(user("now"));
        ContextFit fit = new ContextFit(COUNTER, 10_000, 0, false, 0, input);
        assertTrue(fit.offerOlder(user("second")));
        assertTrue(fit.offerOlder(user("first")));

        ContextFit.Fitted fitted = fit.finish();

        assertEquals(List.of(user("first"), user("second"), user("now")), fitted.items());
        assertEquals(2, fitted.historySize());
        assertEquals(COUNTER.items(fitted.items()), fitted.tokens());
        assertFalse(fitted.truncated());
    }

    @Test
    void without_truncation_an_overflow_is_context_length_exceeded() {
        List<ObjectNode> input = List.of(user("now"));
        ContextFit fit = new ContextFit(COUNTER, windowFor(input, List.of(user("second"))), 0, false, 0, input);
        fit.offerOlder(user("second"));

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> fit.offerOlder(user("first")));

        assertEquals("context_length_exceeded", e.code());
        assertEquals("input", e.param());
    }

    @Test
    void with_truncation_the_oldest_items_are_dropped() {
        List<ObjectNode> input = List.of(user("now"));
        ContextFit fit = new ContextFit(COUNTER, windowFor(input, List.of(user("second"))), 0, true, 0, input);
        assertTrue(fit.offerOlder(user("second")));
        assertFalse(fit.offerOlder(user("first")));

        ContextFit.Fitted fitted = fit.finish();

        assertEquals(List.of(user("second"), user("now")), fitted.items());
        assertTrue(fitted.truncated());
    }

    @Test
    void an_output_whose_call_was_cut_off_is_dropped_with_it() {
        List<ObjectNode> input = List.of(user("now"));
        List<ObjectNode> kept = List.of(output("call_a"), user("answer"));
        ContextFit fit = new ContextFit(COUNTER, windowFor(input, kept), 0, true, 0, input);
        fit.offerOlder(user("answer"));
        fit.offerOlder(output("call_a"));
        assertFalse(fit.offerOlder(call("call_a")));

        ContextFit.Fitted fitted = fit.finish();

        assertEquals(List.of(user("answer"), user("now")), fitted.items());
        assertEquals(COUNTER.items(fitted.items()), fitted.tokens());
    }

    @Test
    void a_call_and_its_output_that_both_fit_stay_together() {
        List<ObjectNode> input = List.of(user("now"));
        List<ObjectNode> kept = List.of(call("call_a"), output("call_a"));
        ContextFit fit = new ContextFit(COUNTER, windowFor(input, kept), 0, true, 0, input);
        fit.offerOlder(output("call_a"));
        fit.offerOlder(call("call_a"));
        assertFalse(fit.offerOlder(user("older")));

        assertEquals(List.of(call("call_a"), output("call_a"), user("now")), fit.finish().items());
    }

    @Test
    void new_input_answering_a_call_that_no_longer_fits_is_refused_rather_than_sent_alone() {
        List<ObjectNode> input = List.of(output("call_a"));
        ContextFit fit = new ContextFit(COUNTER, windowFor(input, List.of()), 0, true, 0, input);
        assertFalse(fit.offerOlder(call("call_a")));

        InvalidRequestException e = assertThrows(InvalidRequestException.class, fit::finish);

        assertEquals("context_length_exceeded", e.code());
    }

    @Test
    void input_that_alone_exceeds_the_window_is_refused_even_with_truncation() {
        List<ObjectNode> input = List.of(user("a message that is longer than the window"));

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> new ContextFit(COUNTER, COUNTER.items(input) - 1, 0, true, 0, input));

        assertEquals("context_length_exceeded", e.code());
    }

    @Test
    void max_output_tokens_are_kept_free_of_context() {
        List<ObjectNode> input = List.of(user("now"));
        int window = windowFor(input, List.of(user("older")));
        ContextFit fit = new ContextFit(COUNTER, window, 1, true, 0, input);

        assertFalse(fit.offerOlder(user("older")));
        assertEquals(List.of(user("now")), fit.finish().items());
    }

    @Test
    void a_context_taken_on_its_upper_bound_alone_still_reports_its_exact_count() {
        List<ObjectNode> input = List.of(user("now"));
        ContextFit fit = new ContextFit(COUNTER, 1_000_000, 0, false, 0, input);
        for (int i = 0; i < 50; i++) assertTrue(fit.offerOlder(user("older message number " + i)));

        ContextFit.Fitted fitted = fit.finish();

        assertEquals(51, fitted.items().size());
        assertEquals(COUNTER.items(fitted.items()), fitted.tokens());
    }

    @Test
    void items_whose_bound_overshoots_the_window_but_whose_count_fits_are_taken() {
        // Prose of common words: about five bytes a token, so the bound is far above the count.
        String prose = "the quick brown fox jumps over the lazy dog and then it asks what to do about the dog";
        List<ObjectNode> input = List.of(user(prose));
        List<ObjectNode> older = List.of(user(prose + " again"), user(prose + " once more"));
        ContextFit fit = new ContextFit(COUNTER, windowFor(input, older), 0, true, 0, input);
        assertTrue(TokenCounter.upperBound().items(older) > COUNTER.items(older));

        assertTrue(fit.offerOlder(older.get(1)));
        assertTrue(fit.offerOlder(older.get(0)));
        assertFalse(fit.offerOlder(user("one too many")));

        ContextFit.Fitted fitted = fit.finish();
        assertEquals(List.of(older.get(0), older.get(1), input.get(0)), fitted.items());
        assertEquals(COUNTER.items(fitted.items()), fitted.tokens());
    }

    @Test
    void an_overflow_names_the_exact_count_not_the_bound() {
        List<ObjectNode> input = List.of(user("now"));
        List<ObjectNode> older = List.of(user("second"), user("first"));
        ContextFit fit = new ContextFit(COUNTER, windowFor(input, older) - 1, 0, false, 0, input);
        fit.offerOlder(older.get(0));

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> fit.offerOlder(older.get(1)));

        assertTrue(e.getMessage().contains(Integer.toString(windowFor(input, older))), e.getMessage());
    }
}
