package org.openconversations.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** URL decoding that never fails: malformed input is passed through as received. */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /** Path segments: {@code +} is a literal plus, not a space. */
    static String decodePath(String raw) {
        return decode(raw.replace("+", "%2B"), raw);
    }

    /** Query strings: {@code +} is a space, as in form encoding. */
    static String decodeQuery(String raw) {
        return decode(raw, raw);
    }

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
}
