package io.slotgate.emulator;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The emulated tenant behind the emulator's one lock. The same lock guards the rate limiter and the request log
 * ({@link ApiHandler}), so that a request sees the tenant, its throttling and its record as one step.
 */
final class GuardedModel {
    private final ReentrantLock lock = new ReentrantLock();
    private final Model model;

    GuardedModel(Model model) {
        this.model = model;
    }

    /** The model, for use only inside {@link #locked}. */
    Model model() {
        return model;
    }

    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
