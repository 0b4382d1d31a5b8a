package org.openconversations.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads two things out of JSON text without building a tree: the elements of an array, each as the text it was
 * written in, and a top-level string field of an object. Only for JSON this code wrote itself (stored rows): it
 * takes the text to be well formed and does not check it. Paging a response's stored input this way loads none
 * of Jackson's parser and tree classes, about 110 of a cold start.
 */
public final class JsonText {
    private JsonText() {}

    /** The elements of {@code array}, each as written, without the whitespace around it. */
    public static List<String> elements(String array) {
        List<String> elements = new ArrayList<>();
        int i = skipSpace(array, expect(array, skipSpace(array, 0), '['));
        if (array.charAt(i) == ']') return elements;
        while (true) {
            int end = skipValue(array, i);
            elements.add(array.substring(i, end));
            i = skipSpace(array, end);
            if (array.charAt(i) == ']') return elements;
            i = skipSpace(array, expect(array, i, ','));
        }
    }

    /** The string value of {@code object}'s own field {@code name}; null when it has none, or one not a string. */
    public static String stringField(String object, String name) {
        int i = skipSpace(object, expect(object, skipSpace(object, 0), '{'));
        if (object.charAt(i) == '}') return null;
        while (true) {
            int keyEnd = skipString(object, i);
            boolean wanted = unquote(object, i, keyEnd).equals(name);
            i = skipSpace(object, expect(object, skipSpace(object, keyEnd), ':'));
            int valueEnd = skipValue(object, i);
            if (wanted) return object.charAt(i) == '"' ? unquote(object, i, valueEnd) : null;
            i = skipSpace(object, valueEnd);
            if (object.charAt(i) == '}') return null;
            i = skipSpace(object, expect(object, i, ','));
        }
    }

    /** Just past the value that starts at {@code i}. */
    private static int skipValue(String text, int i) {
        char first = text.charAt(i);
        if (first == '"') return skipString(text, i);
        if (first == '{' || first == '[') {
            int depth = 0;
            while (true) {
                char c = text.charAt(i);
                if (c == '"') {
                    i = skipString(text, i);
                    continue;
                }
                if (c == '{' || c == '[') depth++;
                else if ((c == '}' || c == ']') && --depth == 0) return i + 1;
                i++;
            }
        }
        // A number, true, false or null: up to whatever follows it.
        while (i < text.length() && ",]} \t\r\n".indexOf(text.charAt(i)) < 0) i++;
        return i;
    }

    /** Just past the closing quote of the string whose opening quote is at {@code i}. */
    private static int skipString(String text, int i) {
        i = expect(text, i, '"');
        while (true) {
            char c = text.charAt(i);
            if (c == '"') return i + 1;
            i += c == '\\' ? 2 : 1;
        }
    }

    /** The string between the quotes at {@code start} and {@code end - 1}, its escapes decoded. */
    private static String unquote(String text, int start, int end) {
        int escape = text.indexOf('\\', start + 1);
        if (escape < 0 || escape >= end) return text.substring(start + 1, end - 1);
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start + 1; i < end - 1; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(++i);
            switch (escaped) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> out.append(escaped); // \" \\ \/
            }
        }
        return out.toString();
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) i++;
        return i;
    }

    /** Just past {@code c}, which must be at {@code i}. */
    private static int expect(String text, int i, char c) {
        if (i >= text.length() || text.charAt(i) != c) {
            throw new IllegalArgumentException("Not JSON this code wrote: expected '" + c + "' at " + i);
        }
        return i + 1;
    }
}
