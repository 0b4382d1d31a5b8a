package org.openconversations.store;

import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential backoff for retries against DynamoDB (unprocessed batch items, lost races). */
public final class Backoff {
    private static final long BASE_MILLIS = 10;
    private static final long CAP_MILLIS = 1_000;

    private Backoff() {}

    public static void sleep(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while backing off", e);
        }
    }
}
