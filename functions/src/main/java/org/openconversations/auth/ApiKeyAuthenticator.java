package org.openconversations.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Who an {@code Authorization} header speaks for: the tenant of a live key, or nobody. */
public final class ApiKeyAuthenticator {
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final DynamoKeyRepository repository;

    public ApiKeyAuthenticator(ApiKeys keys, DynamoKeyRepository repository) {
        this.keys = keys;
        this.repository = repository;
    }

    public Optional<String> tenantOf(String authorization) {
        if (authorization == null || authorization.length() < BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (!ApiKeys.isWellFormed(key)) return Optional.empty();
        String hash = keys.hash(key);
        return repository.findByHash(hash)
                // The lookup is by hash already; comparing again in constant time costs nothing and keeps
                // the check independent of how the store matches keys.
                .filter(record -> MessageDigest.isEqual(
                        record.getKeyHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(record -> !record.isRevoked())
                .map(KeyRecord::getTenant);
    }
}
