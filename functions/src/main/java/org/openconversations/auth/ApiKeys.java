package org.openconversations.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys: {@code sk-oc-} and 43 random base62 characters (about 256 bits). Only an HMAC-SHA-256 of a key,
 * under a secret pepper, is ever stored, so a copy of the keys table gives no usable key and cannot be
 * brute-forced offline without the pepper.
 */
public final class ApiKeys {
    public static final String PREFIX = "sk-oc-";
    /** How much of a key identifies it in listings and for revocation: the prefix plus 8 characters. */
    public static final int SHOWN_LENGTH = PREFIX.length() + 8;
    private static final int RANDOM_LENGTH = 43;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] pepper;

    public ApiKeys(byte[] pepper) {
        if (pepper == null || pepper.length < 16) throw new IllegalArgumentException("the pepper needs 16+ bytes");
        this.pepper = pepper.clone();
    }

    public static String newKey() {
        StringBuilder key = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        return key.toString();
    }

    /** Whether a string has a key's shape at all; anything else is refused without a lookup. */
    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != PREFIX.length() + RANDOM_LENGTH || !key.startsWith(PREFIX)) return false;
        for (int i = PREFIX.length(); i < key.length(); i++) {
            if (BASE62.indexOf(key.charAt(i)) < 0) return false;
        }
        return true;
    }

    public static String shown(String key) {
        return key.substring(0, SHOWN_LENGTH);
    }

    public String hash(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
