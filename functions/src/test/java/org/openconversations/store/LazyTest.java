package org.openconversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void nothingIsBuiltUntilTheValueIsAskedFor() {
        AtomicInteger builds = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        assertEquals(0, builds.get());
        Object first = lazy.get();
        assertSame(first, lazy.get());
        assertEquals(1, builds.get());
    }

    @Test
    void threadsRacingToTheFirstUseShareOneBuild() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Lazy<Object> lazy = Lazy.of(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> got = new ArrayList<>();
            Callable<Object> ask = () -> {
                start.await();
                return lazy.get();
            };
            for (int i = 0; i < 8; i++) got.add(threads.submit(ask));
            start.countDown();
            for (Future<Object> value : got) assertSame(lazy.get(), value.get());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, builds.get());
    }
}
