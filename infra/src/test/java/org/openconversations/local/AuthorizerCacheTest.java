package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthorizerCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);

    private AuthorizerCache<String> cache(Duration ttl) {
        return new AuthorizerCache<>(ttl, now::get);
    }

    @Test
    void an_answer_is_kept_for_the_ttl_and_no_longer() {
        AuthorizerCache<String> cache = cache(Duration.ofNanos(100));
        cache.put(List.of("Bearer a"), "tenant-a");

        now.addAndGet(99);
        assertEquals(Optional.of("tenant-a"), cache.get(List.of("Bearer a")));
        now.addAndGet(1);
        assertEquals(Optional.empty(), cache.get(List.of("Bearer a")));
        assertEquals(0, cache.size(), "an expired entry is dropped when found");
    }

    @Test
    void answers_are_per_identity() {
        AuthorizerCache<String> cache = cache(Duration.ofSeconds(60));
        cache.put(List.of("Bearer a"), "tenant-a");

        assertEquals(Optional.empty(), cache.get(List.of("Bearer b")));
        assertEquals(Optional.empty(), cache.get(List.of("Bearer a", "x")));
    }

    @Test
    void identity_values_are_not_merely_concatenated() {
        AuthorizerCache<String> cache = cache(Duration.ofSeconds(60));
        cache.put(List.of("ab", "c"), "first");

        assertEquals(Optional.empty(), cache.get(List.of("a", "bc")));
    }

    @Test
    void a_zero_ttl_caches_nothing() {
        AuthorizerCache<String> cache = cache(Duration.ZERO);
        cache.put(List.of("Bearer a"), "tenant-a");

        assertEquals(Optional.empty(), cache.get(List.of("Bearer a")));
        assertEquals(0, cache.size());
    }
}
