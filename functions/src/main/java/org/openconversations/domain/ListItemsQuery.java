package org.openconversations.domain;

import java.math.BigInteger;
import java.util.List;
import org.openconversations.errors.InvalidRequestException;

/** The query of {@code GET .../items}: validated {@code after}, {@code limit}, {@code order} and {@code include[]}. */
public record ListItemsQuery(String after, int limit, boolean ascending, List<String> include) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final List<String> ORDERS = List.of("asc", "desc");

    /** Each argument is the raw query value, or null when absent. */
    public static ListItemsQuery parse(String after, String limit, String order, List<String> include) {
        return new ListItemsQuery(
                after == null || after.isEmpty() ? null : after,
                parseLimit(limit),
                parseOrder(order),
                Includes.parse(include));
    }

    private static int parseLimit(String raw) {
        if (raw == null || raw.isEmpty()) return DEFAULT_LIMIT;
        String digits = raw.trim();
        // BigInteger reads any Unicode digit ('١٠' is 10); a query's integer is ASCII, as OpenAI reads it.
        if (!asciiInteger(digits)) throw InvalidRequestException.invalidType("limit", "an integer", "a string");
        BigInteger limit = new BigInteger(digits);
        if (limit.compareTo(BigInteger.ONE) < 0) {
            throw InvalidRequestException.integerBelowMin("limit", "1", limit.toString());
        }
        if (limit.compareTo(BigInteger.valueOf(MAX_LIMIT)) > 0) {
            throw InvalidRequestException.integerAboveMax("limit", Integer.toString(MAX_LIMIT), limit.toString());
        }
        return limit.intValue();
    }

    private static boolean asciiInteger(String text) {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.length() == start) return false;
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') return false;
        }
        return true;
    }

    private static boolean parseOrder(String raw) {
        if (raw == null || raw.isEmpty()) return false;
        if (!ORDERS.contains(raw)) throw InvalidRequestException.invalidValue("order", raw, ORDERS);
        return raw.equals("asc");
    }
}
