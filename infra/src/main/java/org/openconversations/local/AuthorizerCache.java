package org.openconversations.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Authorizer results by identity source values, each kept for the authorizer's TTL, as API Gateway caches
 * them. Entries are keyed by a SHA-256 of the values, so the cache never holds a caller's key itself.
 */
final class AuthorizerCache<V> {

    /** Above this many entries, a put first drops the expired ones. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    AuthorizerCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    AuthorizerCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    Optional<V> get(List<String> identity) {
        if (ttlNanos <= 0) {
            return Optional.empty();
        }
        String key = key(identity);
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (nanoTime.getAsLong() - entry.expiresAtNanos() >= 0) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    void put(List<String> identity, V value) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (entries.size() > SWEEP_ABOVE) {
            entries.values().removeIf(entry -> now - entry.expiresAtNanos() >= 0);
        }
        entries.put(key(identity), new Entry<>(value, now + ttlNanos));
    }

    int size() {
        return entries.size();
    }

    private static String key(List<String> identity) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String value : identity) {
                sha256.update(value.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
