package org.openconversations.local.keys;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.openconversations.auth.ApiKeys;
import org.openconversations.auth.DynamoKeyRepository;
import org.openconversations.auth.KeyRecord;
import org.openconversations.store.DynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Creates, lists and revokes API keys in a keys table, local or deployed. Only a key's HMAC and its shown
 * prefix are stored; a new key is returned once, to be handed to its user.
 */
public final class KeyManager {

    /** What a tenant (project) name may be: it becomes the first part of every stored key. */
    public static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A refusal the caller can act on: an invalid tenant, or a prefix matching no key or several. */
    public static final class KeyException extends RuntimeException {
        KeyException(String message) {
            super(message);
        }
    }

    /** The outcome of a revocation: the key, and whether it had been revoked before. */
    public record Revoked(KeyRecord key, boolean already) {
    }

    private final Supplier<ApiKeys> keys;
    private final DynamoKeyRepository repository;
    private final Clock clock;

    /** @param keys the hasher; asked for only when a key must be hashed (create, revoke by whole key) */
    public KeyManager(Supplier<ApiKeys> keys, DynamoKeyRepository repository, Clock clock) {
        this.keys = keys;
        this.repository = repository;
        this.clock = clock;
    }

    public static KeyManager of(DynamoDbClient dynamoDb, String table, Supplier<ApiKeys> keys) {
        return new KeyManager(keys,
                new DynamoKeyRepository(dynamoDb, table),
                Clock.systemUTC());
    }

    /** A new key for the tenant, stored as its HMAC; the only time the whole key exists outside its user. */
    public String create(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new KeyException("A tenant is 1 to 64 letters, digits, '_' or '-'; got '" + tenant + "'");
        }
        String key = ApiKeys.newKey();
        KeyRecord record = new KeyRecord();
        record.setKeyHash(keys.get().hash(key));
        record.setKind(KeyRecord.KIND);
        record.setPrefix(ApiKeys.shown(key));
        record.setTenant(tenant);
        record.setCreatedAt(clock.instant().getEpochSecond());
        repository.create(record);
        return key;
    }

    /** Every key, revoked ones included, by shown prefix. */
    public List<KeyRecord> list() {
        return repository.list();
    }

    public boolean isEmpty() {
        return list().isEmpty();
    }

    /**
     * Revokes the one key that a shown prefix (or a shorter start of one, or the whole key) names. Naming no
     * key, or several, revokes nothing.
     */
    public Revoked revoke(String keyOrPrefix) {
        if (keyOrPrefix == null || keyOrPrefix.isBlank()) {
            throw new KeyException("Name the key to revoke by its prefix, as 'keys list' shows it");
        }
        String wanted = keyOrPrefix.trim();
        List<KeyRecord> matches = ApiKeys.isWellFormed(wanted)
                ? repository.findByHash(keys.get().hash(wanted)).stream().toList()
                : repository.withPrefix(wanted);
        if (matches.isEmpty()) {
            throw new KeyException("No key matches '" + clip(wanted) + "'");
        }
        if (matches.size() > 1) {
            throw new KeyException("'" + clip(wanted) + "' matches " + matches.size() + " keys ("
                    + String.join(", ", matches.stream().map(KeyRecord::getPrefix).toList())
                    + "); give more of the prefix");
        }
        KeyRecord key = matches.getFirst();
        if (key.isRevoked()) {
            return new Revoked(key, true);
        }
        long now = clock.instant().getEpochSecond();
        repository.revoke(key.getKeyHash(), now);
        key.setRevokedAt(now);
        return new Revoked(key, false);
    }

    /** The tenant of a stored key, for tests and tools that hold a key. */
    public Optional<KeyRecord> find(String key) {
        return ApiKeys.isWellFormed(key) ? repository.findByHash(keys.get().hash(key)) : Optional.empty();
    }

    /** At most a shown prefix of what the user typed: a mistyped whole key is not echoed back. */
    private static String clip(String text) {
        return text.length() <= ApiKeys.SHOWN_LENGTH ? text : text.substring(0, ApiKeys.SHOWN_LENGTH) + "…";
    }
}
