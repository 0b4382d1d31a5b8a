package org.openconversations.domain;

import java.util.List;
import org.openconversations.errors.InvalidRequestException;

/** The query of {@code GET .../items}: validated {@code after}, {@code limit}, {@code order} and {@code include[]}. */
public record ListItemsQuery(String after, int limit, boolean ascending, List<String> include) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final List<String> ORDERS = List.of("asc", "desc");
    public static final List<String> INCLUDABLE = List.of(
            "file_search_call.results",
            "web_search_call.results",
            "web_search_call.action.sources",
            "message.input_image.image_url",
            "computer_call_output.output.image_url",
            "code_interpreter_call.outputs",
            "reasoning.encrypted_content",
            "message.output_text.logprobs");

    /** Each argument is the raw query value, or null when absent. */
    public static ListItemsQuery parse(String after, String limit, String order, List<String> include) {
        return new ListItemsQuery(
                after == null || after.isEmpty() ? null : after,
                parseLimit(limit),
                parseOrder(order),
                parseInclude(include));
    }

    private static int parseLimit(String raw) {
        if (raw == null || raw.isEmpty()) return DEFAULT_LIMIT;
        long limit;
        try {
            limit = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw InvalidRequestException.invalidType("limit", "an integer", "a string");
        }
        if (limit < 1) throw InvalidRequestException.integerBelowMin("limit", 1, limit);
        if (limit > MAX_LIMIT) throw InvalidRequestException.integerAboveMax("limit", MAX_LIMIT, limit);
        return (int) limit;
    }

    private static boolean parseOrder(String raw) {
        if (raw == null || raw.isEmpty()) return false;
        if (!ORDERS.contains(raw)) throw InvalidRequestException.invalidValue("order", raw, ORDERS);
        return raw.equals("asc");
    }

    private static List<String> parseInclude(List<String> values) {
        for (String value : values) {
            if (!INCLUDABLE.contains(value)) throw InvalidRequestException.invalidValue("include", value, INCLUDABLE);
        }
        return List.copyOf(values);
    }
}
