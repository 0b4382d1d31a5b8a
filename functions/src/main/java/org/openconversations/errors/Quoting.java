package org.openconversations.errors;

final class Quoting {
    private static final int MAX_ECHO = 200;

    private Quoting() {}

    /** Echoes client input into a message without letting a 10 KB id turn into a 10 KB error body. */
    static String clip(String value) {
        if (value == null) return "null";
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
    }
}
