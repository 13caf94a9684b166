package io.slotgate.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits on a latch from inside a stand-in for Cal.com, where a checked exception cannot go. */
public final class Latches {
    private Latches() {
    }

    /** Waits for the latch, at most 10 s; a latch never released fails the test. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
