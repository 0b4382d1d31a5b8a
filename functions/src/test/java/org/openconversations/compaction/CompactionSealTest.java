package org.openconversations.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompactionSealTest {
    private static final String SUMMARY = "The user is Anastasia; she asked about Paris weather (18 °C).";
    private final CompactionSeal seal = new CompactionSeal("a-compaction-key-of-sixty-four-characters-0123456789abcdefghij");

    @Test
    void a_sealed_summary_opens_for_the_same_tenant() {
        assertEquals(Optional.of(SUMMARY), seal.open("tenant-a", seal.seal("tenant-a", SUMMARY)));
    }

    @Test
    void the_sealed_text_does_not_show_the_summary_and_differs_every_time() {
        String first = seal.seal("tenant-a", SUMMARY);

        assertTrue(first.startsWith("oc1."), first);
        assertFalse(first.contains("Anastasia"));
        assertNotEquals(first, seal.seal("tenant-a", SUMMARY));
    }

    @Test
    void any_changed_byte_is_refused() {
        String sealed = seal.seal("tenant-a", SUMMARY);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(4));
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            String tampered = "oc1." + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertEquals(Optional.empty(), seal.open("tenant-a", tampered), "byte " + i);
        }
    }

    @Test
    void another_tenants_item_is_refused() {
        assertEquals(Optional.empty(), seal.open("tenant-b", seal.seal("tenant-a", SUMMARY)));
    }

    @Test
    void an_item_sealed_under_another_key_is_refused() {
        CompactionSeal other = new CompactionSeal("another-compaction-key-0123456789abcdefghijklmnopqrstuvw");

        assertEquals(Optional.empty(), seal.open("tenant-a", other.seal("tenant-a", SUMMARY)));
    }

    @Test
    void text_that_is_not_a_sealed_summary_is_refused() {
        for (String text : new String[] {null, "", "oc1.", "oc1.!!!", "gAAAAABo-openai-fernet", "oc1.AAAA",
                "oc2." + seal.seal("tenant-a", SUMMARY).substring(4)}) {
            assertEquals(Optional.empty(), seal.open("tenant-a", text), String.valueOf(text));
        }
    }

    @Test
    void a_short_secret_is_a_configuration_error() {
        assertThrows(IllegalStateException.class, () -> new CompactionSeal("too-short"));
    }
}
