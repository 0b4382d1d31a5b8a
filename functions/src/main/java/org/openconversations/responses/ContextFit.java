package org.openconversations.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openconversations.errors.InvalidRequestException;
import org.openconversations.tokens.TokenCounter;

/**
 * Fits a turn's context into the model's window while its history is read newest first, so that a long
 * conversation costs reads for what fits and no more (contract section 7, {@code truncation}).
 *
 * <p>The new input always goes whole: if it alone does not fit, the request fails in either mode. Older items
 * are then taken newest first while they fit. With truncation the first one that does not fit ends the
 * history, and a {@code function_call_output} whose {@code function_call} was cut off goes too, so the model
 * never sees an answer to a call it cannot see. Without truncation an item that does not fit fails the request
 * with {@code context_length_exceeded}.
 */
final class ContextFit {
    // For sizing reads only: UTF-8 bytes per token, roughly, in English prose.
    private static final int BYTES_PER_TOKEN_GUESS = 4;

    private final TokenCounter counter;
    private final int window;
    private final int reserved;
    private final boolean truncate;
    private final int fixed;
    private final List<Counted> input = new ArrayList<>();
    private final Deque<Counted> history = new ArrayDeque<>();
    /** Never below the exact count: exact for counted items, their upper bound for the rest. */
    private int tokens;
    /** Whether some item taken is still only bounded; once all are counted, exactTokens has nothing to do. */
    private boolean bounded;
    private boolean truncated;

    /**
     * An item and its cost: first the cheap upper bound, and the exact count once the bound no longer proves
     * that the context fits. Tokenizing 100 short items takes milliseconds; measuring them, microseconds.
     */
    private static final class Counted {
        final ObjectNode item;
        int tokens;
        boolean exact;

        Counted(ObjectNode item) {
            this.item = item;
            this.tokens = TokenCounter.upperBound().item(item);
        }

        /** @return how many tokens fewer than the bound it costs */
        int countWith(TokenCounter counter) {
            if (exact) return 0;
            int bound = tokens;
            tokens = counter.item(item);
            exact = true;
            return bound - tokens;
        }

        int guess() {
            return exact ? tokens : Math.max(1, tokens / BYTES_PER_TOKEN_GUESS);
        }
    }

    /**
     * The context for the model, oldest first, and what it costs.
     *
     * @param historySize how many of the items came before the new input
     * @param budget the tokens the context may take: the window less what is kept for the answer
     */
    record Fitted(List<ObjectNode> items, boolean truncated, int historySize, int budget, ContextFit fit) {
        /** The exact count, tokenized on first call: only counting and compaction need it. */
        int tokens() {
            return fit.exactTokens();
        }

        List<ObjectNode> history() {
            return items.subList(0, historySize);
        }

        List<ObjectNode> input() {
            return items.subList(historySize, items.size());
        }
    }

    /**
     * @param reserved tokens kept back from the window for the answer ({@code max_output_tokens})
     * @param fixed what the request costs besides its items (instructions, tools)
     */
    ContextFit(TokenCounter counter, int window, int reserved, boolean truncate, int fixed, List<ObjectNode> input) {
        this.counter = counter;
        this.window = window;
        this.reserved = reserved;
        this.truncate = truncate;
        this.fixed = fixed;
        this.tokens = fixed;
        for (ObjectNode item : input) {
            Counted counted = new Counted(item);
            this.input.add(counted);
            tokens += counted.tokens;
        }
        bounded = !input.isEmpty();
        if (tokens > budget() && exactTokens() > budget()) {
            throw InvalidRequestException.contextLengthExceeded(window, reserved, tokens, false,
                    "The new input alone does not fit: send less of it, or a smaller max_output_tokens.");
        }
    }

    /**
     * Takes the next older history item if it fits.
     *
     * @return whether an older item could still be taken; false once the budget is met
     */
    boolean offerOlder(ObjectNode item) {
        if (truncated) return false;
        Counted next = new Counted(item);
        if (tokens + next.tokens > budget()) {
            // The bounds no longer prove it fits: from here on, exact counts decide, as if counted all along.
            exactTokens();
            next.countWith(counter);
            if (tokens + next.tokens > budget()) {
                if (!truncate) {
                    throw InvalidRequestException.contextLengthExceeded(window, reserved, tokens + next.tokens, true,
                            "Send truncation:\"auto\" to drop the oldest items, or compact the conversation.");
                }
                truncated = true;
                return false;
            }
        }
        history.addFirst(next);
        tokens += next.tokens;
        bounded |= !next.exact;
        return true;
    }

    Fitted finish() {
        if (truncated) dropOrphanOutputs();
        List<ObjectNode> items = new ArrayList<>(history.size() + input.size());
        history.forEach(counted -> items.add(counted.item));
        input.forEach(counted -> items.add(counted.item));
        return new Fitted(items, truncated, history.size(), budget(), this);
    }

    /**
     * Tokenizes whatever is still only bounded, and returns the exact count of everything taken. Once all is
     * counted this returns at once: past the switch to exact counts it runs on every offer, and walking the
     * whole history each time would make a long truncated context quadratic.
     */
    private int exactTokens() {
        if (!bounded) return tokens;
        for (Counted counted : input) tokens -= counted.countWith(counter);
        for (Counted counted : history) tokens -= counted.countWith(counter);
        bounded = false;
        return tokens;
    }

    /**
     * Roughly how many more history items would fit, judged by those taken so far (64 tokens each before any
     * is taken); for sizing reads.
     */
    int moreItemsLikely() {
        int taken = 0;
        for (Counted counted : history) taken += counted.guess();
        int used = fixed + taken;
        for (Counted counted : input) used += counted.guess();
        int average = history.isEmpty() ? 64 : Math.max(1, taken / history.size());
        return Math.max(0, budget() - used) / average;
    }

    private void dropOrphanOutputs() {
        Set<String> calls = new HashSet<>();
        history.forEach(counted -> collectCall(counted.item, calls));
        input.forEach(counted -> collectCall(counted.item, calls));
        // Truncation only happens once everything taken is counted exactly, so these subtractions are exact.
        history.removeIf(counted -> {
            boolean orphan = isOutput(counted.item) && !calls.contains(callId(counted.item));
            if (orphan) tokens -= counted.tokens;
            return orphan;
        });
        for (Counted counted : input) {
            ObjectNode item = counted.item;
            if (isOutput(item) && !calls.contains(callId(item))) {
                throw InvalidRequestException.contextLengthExceeded(window, reserved, tokens, true,
                        "The function_call that input's output '" + callId(item) + "' answers no longer fits"
                                + " beside it: send less input, or compact the conversation.");
            }
        }
    }

    private static void collectCall(ObjectNode item, Set<String> calls) {
        String type = item.path("type").asText();
        if (type.equals("function_call") || type.equals("custom_tool_call")) calls.add(callId(item));
    }

    private static boolean isOutput(ObjectNode item) {
        String type = item.path("type").asText();
        return type.equals("function_call_output") || type.equals("custom_tool_call_output");
    }

    private static String callId(ObjectNode item) {
        return item.path("call_id").asText();
    }

    private int budget() {
        return window - reserved;
    }
}
