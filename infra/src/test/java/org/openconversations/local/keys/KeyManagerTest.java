package org.openconversations.local.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.auth.ApiKeyAuthenticator;
import org.openconversations.auth.ApiKeys;
import org.openconversations.auth.DynamoKeyRepository;
import org.openconversations.auth.KeyRecord;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.TestStore;

/** Key management against KeysTable in DynamoDB Local, checked through the authenticator the authorizer uses. */
class KeyManagerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T11:00:00Z");

    private KeyManager keys;
    private ApiKeyAuthenticator authenticator;

    @BeforeEach
    void manager() {
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        ApiKeys hasher = new ApiKeys(pepper);
        DynamoKeyRepository repository = new DynamoKeyRepository(
                DynamoDb.client(TestStore.endpoint().toString(), List.of()), TestStore.KEYS_TABLE);
        keys = new KeyManager(() -> hasher, repository, Clock.fixed(NOW, ZoneOffset.UTC));
        authenticator = new ApiKeyAuthenticator(hasher, repository);
    }

    @Test
    void a_created_key_authenticates_as_its_tenant_and_only_its_hash_is_stored() {
        String key = keys.create("acme_1-x");

        assertTrue(ApiKeys.isWellFormed(key), key);
        assertEquals("acme_1-x", authenticator.tenantOf("Bearer " + key).orElseThrow());
        KeyRecord stored = keys.find(key).orElseThrow();
        assertEquals(ApiKeys.shown(key), stored.getPrefix());
        assertEquals(KeyRecord.KIND, stored.getKind());
        assertEquals(NOW.getEpochSecond(), stored.getCreatedAt());
        assertFalse(stored.getKeyHash().contains(key.substring(ApiKeys.SHOWN_LENGTH)));
        assertTrue(keys.list().stream().anyMatch(record -> record.getPrefix().equals(ApiKeys.shown(key))));
    }

    @Test
    void tenants_are_1_to_64_letters_digits_underscores_or_dashes() {
        keys.create("a".repeat(64));
        for (String bad : new String[] {"", "a".repeat(65), "has space", "a#b", "../x", "ünïcode", "a/b"}) {
            assertThrows(KeyManager.KeyException.class, () -> keys.create(bad), bad);
        }
        assertThrows(KeyManager.KeyException.class, () -> keys.create(null));
    }

    @Test
    void revoking_by_shown_prefix_stops_the_key_and_keeps_its_row() {
        String key = keys.create("acme");

        KeyManager.Revoked revoked = keys.revoke(ApiKeys.shown(key));

        assertFalse(revoked.already());
        assertEquals("acme", revoked.key().getTenant());
        assertTrue(authenticator.tenantOf("Bearer " + key).isEmpty());
        assertEquals(NOW.getEpochSecond(), keys.find(key).orElseThrow().getRevokedAt());
        assertTrue(keys.revoke(ApiKeys.shown(key)).already(), "revoking twice changes nothing");
    }

    @Test
    void revoking_by_the_whole_key_works_too() {
        String key = keys.create("acme");

        keys.revoke(key);

        assertTrue(authenticator.tenantOf("Bearer " + key).isEmpty());
    }

    @Test
    void a_prefix_naming_several_keys_or_none_revokes_nothing() {
        String first = keys.create("acme");
        String second = keys.create("acme");

        KeyManager.KeyException ambiguous = assertThrows(KeyManager.KeyException.class, () -> keys.revoke("sk-oc-"));
        assertTrue(ambiguous.getMessage().contains("matches"), ambiguous.getMessage());
        assertThrows(KeyManager.KeyException.class, () -> keys.revoke("sk-oc-#nothing"));
        assertThrows(KeyManager.KeyException.class, () -> keys.revoke(ApiKeys.newKey()), "an unknown whole key");
        assertThrows(KeyManager.KeyException.class, () -> keys.revoke(" "));

        assertEquals("acme", authenticator.tenantOf("Bearer " + first).orElseThrow());
        assertEquals("acme", authenticator.tenantOf("Bearer " + second).orElseThrow());
    }

    @Test
    void an_unknown_whole_key_is_not_echoed_in_the_refusal() {
        String unknown = ApiKeys.newKey();

        String message = assertThrows(KeyManager.KeyException.class, () -> keys.revoke(unknown)).getMessage();

        assertFalse(message.contains(unknown), message);
    }
}
