package org.openconversations.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openconversations.store.DynamoDb;
import org.openconversations.store.TestStore;

/** Who an Authorization header speaks for, against KeysTable in DynamoDB Local. */
class ApiKeyAuthenticatorTest {
    private ApiKeys keys;
    private DynamoKeyRepository repository;
    private ApiKeyAuthenticator authenticator;

    @BeforeEach
    void freshPepper() {
        // A pepper of this test alone: rows written under other peppers can never match.
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        keys = new ApiKeys(pepper);
        repository = new DynamoKeyRepository(
                DynamoDb.client(TestStore.endpoint().toString(), List.of()), TestStore.KEYS_TABLE);
        authenticator = new ApiKeyAuthenticator(keys, repository);
    }

    private String stored(String tenant) {
        String key = ApiKeys.newKey();
        KeyRecord record = new KeyRecord();
        record.setKeyHash(keys.hash(key));
        record.setKind(KeyRecord.KIND);
        record.setPrefix(ApiKeys.shown(key));
        record.setTenant(tenant);
        record.setCreatedAt(1_795_345_200L);
        repository.create(record);
        return key;
    }

    @Test
    void a_live_key_gives_its_tenant() {
        String acme = stored("acme");
        String other = stored("other");

        assertEquals(Optional.of("acme"), authenticator.tenantOf("Bearer " + acme));
        assertEquals(Optional.of("other"), authenticator.tenantOf("Bearer " + other));
    }

    @Test
    void the_scheme_is_case_insensitive_and_the_key_may_be_padded() {
        String key = stored("acme");

        assertEquals(Optional.of("acme"), authenticator.tenantOf("bearer " + key));
        assertEquals(Optional.of("acme"), authenticator.tenantOf("BEARER " + key + "  "));
    }

    @Test
    void an_unknown_well_formed_key_is_nobody() {
        stored("acme");

        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer " + ApiKeys.newKey()));
    }

    @Test
    void a_key_stored_under_another_pepper_is_nobody() {
        String key = stored("acme");
        byte[] otherPepper = "another-pepper-entirely-0123456789".getBytes(StandardCharsets.UTF_8);

        assertEquals(Optional.empty(),
                new ApiKeyAuthenticator(new ApiKeys(otherPepper), repository).tenantOf("Bearer " + key));
    }

    @Test
    void a_revoked_key_is_nobody() {
        String key = stored("acme");
        repository.revoke(keys.hash(key), 1_795_345_300L);

        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer " + key));
        assertTrue(repository.findByHash(keys.hash(key)).orElseThrow().isRevoked());
    }

    @Test
    void malformed_keys_are_nobody() {
        String key = stored("acme");

        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer " + key.substring(0, key.length() - 1)));
        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer " + key + "x"));
        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer " + key.replace("sk-oc-", "sk-xx-")));
        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer local"));
        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer "));
        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer " + key.substring(0, 20) + "/" + key.substring(21)));
    }

    @Test
    void a_missing_header_or_another_scheme_is_nobody() {
        String key = stored("acme");

        assertEquals(Optional.empty(), authenticator.tenantOf(null));
        assertEquals(Optional.empty(), authenticator.tenantOf(""));
        assertEquals(Optional.empty(), authenticator.tenantOf(key), "no scheme");
        assertEquals(Optional.empty(), authenticator.tenantOf("Basic " + key));
        assertEquals(Optional.empty(), authenticator.tenantOf("Token " + key));
        assertEquals(Optional.empty(), authenticator.tenantOf("Bearer"));
    }
}
