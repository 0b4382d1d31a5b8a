package org.openconversations.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * URL decoding that never fails: a malformed escape is passed through as received. The gateway itself refuses
 * a request target that is not {@link #isWellFormed well formed} before routing it, as API Gateway does.
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /** Whether every {@code %} is followed by two ASCII hexadecimal digits. */
    static boolean isWellFormed(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length() || !isHexDigit(raw.charAt(i + 1)) || !isHexDigit(raw.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    /** Path segments: {@code +} is a literal plus, not a space. */
    static String decodePath(String raw) {
        return decode(raw.replace("+", "%2B"), raw);
    }

    /** Query strings: {@code +} is a space, as in form encoding. */
    static String decodeQuery(String raw) {
        return decode(raw, raw);
    }

    /** Escapes of bytes that are not UTF-8 decode to U+FFFD. */
    private static String decode(String encoded, String fallback) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** ASCII only: Character.digit would also take other scripts' digits, which no escape may use. */
    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
