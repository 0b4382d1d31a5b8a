package org.openconversations.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of the time one synchronous upstream call was given, response body included. A request's own
 * timeout stops at the response headers, so an upstream that sends its headers and then stalls would hold the
 * turn, and its conversation's lock, until Lambda ends the function. At the deadline the calling thread is
 * interrupted, which the JDK client answers by cancelling the exchange and closing its connection.
 *
 * <p>Bounding the body with a timeout of its own takes a body subscriber of ours, which the client treats as
 * untrusted and feeds from a pool thread; a timer task per call wakes a timer thread twice a call. On one vCPU
 * either cost about 0.05 ms a call. Instead one daemon thread looks at the running calls every tick, so a
 * stalled call ends within a tick of its deadline.
 */
final class CallDeadline {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Set<CallDeadline> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    private final Thread caller = Thread.currentThread();
    private final long deadlineNanos;
    // Both guarded by this: the interrupt is sent and taken back under the same lock, so none outlives the call.
    private boolean finished;
    private boolean expired;

    private CallDeadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Starts watching a call the current thread makes now, for {@code timeout}. */
    static CallDeadline start(Duration timeout) {
        CallDeadline deadline = new CallDeadline(System.nanoTime() + timeout.toNanos());
        RUNNING.add(deadline);
        if (!WATCHING.get() && WATCHING.compareAndSet(false, true)) {
            Thread.ofPlatform().name("upstream-call-deadlines").daemon().start(CallDeadline::watch);
        }
        return deadline;
    }

    /**
     * Stops watching; call it on the calling thread once the call has returned or thrown. Idempotent.
     *
     * @return whether the call ran out of time (the interrupt it was sent is then cleared)
     */
    synchronized boolean finish() {
        RUNNING.remove(this);
        finished = true;
        if (expired) Thread.interrupted();
        return expired;
    }

    private synchronized void expire() {
        RUNNING.remove(this);
        if (finished || expired) return;
        expired = true;
        caller.interrupt();
    }

    private static void watch() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            for (CallDeadline running : RUNNING) {
                if (now - running.deadlineNanos >= 0) running.expire();
            }
        }
    }
}
