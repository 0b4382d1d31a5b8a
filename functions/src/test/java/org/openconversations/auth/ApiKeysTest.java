package org.openconversations.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private static final Pattern FORMAT = Pattern.compile("sk-oc-[0-9A-Za-z]{43}");
    private static final byte[] PEPPER = "a-pepper-of-at-least-sixteen-bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_new_key_is_the_prefix_and_43_base62_characters() {
        for (int i = 0; i < 200; i++) {
            String key = ApiKeys.newKey();
            assertTrue(FORMAT.matcher(key).matches(), key);
            assertTrue(ApiKeys.isWellFormed(key), key);
        }
    }

    @Test
    void new_keys_do_not_repeat() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) keys.add(ApiKeys.newKey());
        assertEquals(1000, keys.size());
    }

    @Test
    void the_shown_prefix_is_the_key_prefix_and_eight_characters() {
        String key = ApiKeys.newKey();

        assertEquals(14, ApiKeys.SHOWN_LENGTH);
        assertEquals(key.substring(0, 14), ApiKeys.shown(key));
        assertTrue(ApiKeys.shown(key).startsWith("sk-oc-"));
    }

    @Test
    void the_hash_is_hex_hmac_sha256_and_stable_for_one_pepper() {
        ApiKeys keys = new ApiKeys(PEPPER);
        String key = ApiKeys.newKey();

        String hash = keys.hash(key);
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(hash, new ApiKeys(PEPPER).hash(key));
        assertFalse(hash.contains(key.substring(6)));
    }

    @Test
    void the_same_key_hashes_differently_under_another_pepper() {
        String key = ApiKeys.newKey();
        byte[] other = "another-pepper-of-sixteen-bytes+".getBytes(StandardCharsets.UTF_8);

        assertNotEquals(new ApiKeys(PEPPER).hash(key), new ApiKeys(other).hash(key));
    }

    @Test
    void different_keys_hash_differently() {
        ApiKeys keys = new ApiKeys(PEPPER);
        assertNotEquals(keys.hash(ApiKeys.newKey()), keys.hash(ApiKeys.newKey()));
    }

    @Test
    void the_pepper_is_copied_and_must_be_long_enough() {
        byte[] pepper = PEPPER.clone();
        ApiKeys keys = new ApiKeys(pepper);
        String key = ApiKeys.newKey();
        String before = keys.hash(key);
        pepper[0] ^= 1;
        assertEquals(before, keys.hash(key));

        assertThrows(IllegalArgumentException.class, () -> new ApiKeys(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> new ApiKeys(null));
    }

    @Test
    void only_the_exact_shape_is_well_formed() {
        String key = ApiKeys.newKey();
        assertTrue(ApiKeys.isWellFormed(key));

        assertFalse(ApiKeys.isWellFormed(null));
        assertFalse(ApiKeys.isWellFormed(""));
        assertFalse(ApiKeys.isWellFormed("sk-oc-"));
        assertFalse(ApiKeys.isWellFormed(key.substring(0, key.length() - 1)), "one short");
        assertFalse(ApiKeys.isWellFormed(key + "a"), "one long");
        assertFalse(ApiKeys.isWellFormed("sk-xx-" + key.substring(6)), "other prefix");
        assertFalse(ApiKeys.isWellFormed("SK-OC-" + key.substring(6)), "prefix is case-sensitive");
        assertFalse(ApiKeys.isWellFormed(" " + key.substring(1)));
        assertFalse(ApiKeys.isWellFormed(key.substring(0, 20) + "-" + key.substring(21)), "non-base62");
        assertFalse(ApiKeys.isWellFormed(key.substring(0, 20) + "é" + key.substring(21)), "non-ASCII");
        assertFalse(ApiKeys.isWellFormed("sk-proj-" + key.substring(8)), "an OpenAI key");
    }

    @Test
    void the_pepper_text_is_trimmed() {
        assertEquals("abc", new String(Pepper.of("  abc\n"), StandardCharsets.UTF_8));
    }
}
