package org.openconversations.domain;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Resource ids shaped like OpenAI's: {@code <prefix>_} followed by 48 lower-case hex digits. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    // Bounded and free of '#', the separator of our composite keys, and of anything a URL would mangle.
    private static final Pattern STORABLE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private Ids() {}

    public static String newId(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HEX.formatHex(bytes);
    }

    public static String newConversationId() {
        return newId("conv");
    }

    /** Whether an id can be a key at all; ids that cannot are answered as not found without a read. */
    public static boolean isStorable(String id) {
        return id != null && STORABLE.matcher(id).matches();
    }
}
