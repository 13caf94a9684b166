package io.slotgate.calcom;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** The budget's decisions counted per priority, and the sequence that numbers the calls let through. */
final class BudgetTally {
    private final ReentrantLock lock;
    private final EnumMap<Priority, Long> refused = new EnumMap<>(Priority.class);
    private final EnumMap<Priority, Long> granted = new EnumMap<>(Priority.class);
    private long issued;
    private long abandoned;

    /** @param lock shared with the line of waiting users, so a snapshot sees both at one moment */
    BudgetTally(ReentrantLock lock) {
        this.lock = lock;
        for (Priority p : Priority.values()) {
            refused.put(p, 0L);
            granted.put(p, 0L);
        }
    }

    RateBudget.Granted grant(Priority priority) {
        lock.lock();
        try {
            granted.merge(priority, 1L, Long::sum);
            issued++;
            return new RateBudget.Granted(issued);
        } finally {
            lock.unlock();
        }
    }

    RateBudget.Refused refuse(Priority priority, Duration retryAfter) {
        lock.lock();
        try {
            refused.merge(priority, 1L, Long::sum);
        } finally {
            lock.unlock();
        }
        return new RateBudget.Refused(retryAfter);
    }

    /** A granted call that was not made after all: counted as refused. */
    void abandon(Priority priority) {
        lock.lock();
        try {
            refused.merge(priority, 1L, Long::sum);
            granted.merge(priority, -1L, Long::sum);
            abandoned++;
        } finally {
            lock.unlock();
        }
    }

    /** Calls let through and not abandoned; the caller holds the lock. */
    long callsMade() {
        return issued - abandoned;
    }

    /** The caller holds the lock. */
    Map<Priority, Long> refused() {
        return Collections.unmodifiableMap(new EnumMap<>(refused));
    }

    /** The caller holds the lock. */
    Map<Priority, Long> granted() {
        return Collections.unmodifiableMap(new EnumMap<>(granted));
    }
}
