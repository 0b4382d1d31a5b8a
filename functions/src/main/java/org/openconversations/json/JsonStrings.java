package org.openconversations.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JSON string literals, for bodies small and fixed enough to write without a generator (the error envelope,
 * the deletion bodies). Apart from {@link Json} on purpose: touching that class builds its factory and loads
 * the tree nodes, about 80 classes, which a route that only answers an error or a stored body never needs.
 */
public final class JsonStrings {
    private JsonStrings() {}

    /** {@code text} as a JSON string literal, quotes included; {@code null} for null. */
    public static String quote(String text) {
        if (text == null) return "null";
        // Most texts quoted here (an error's message, type and code) hold nothing to escape. Checking for that
        // costs a fraction of the encoder's copy, which was half the catch-all route's warm time.
        if (nothingToEscape(text)) return '"' + text + '"';
        return new StringBuilder(text.length() + 8).append('"')
                .append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"').toString();
    }

    /** No character the encoder would escape by default: a control character, a quote or a backslash. */
    private static boolean nothingToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') return false;
        }
        return true;
    }
}
