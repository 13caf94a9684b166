package io.slotgate.time;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Background work on virtual threads, timers on one platform thread: production's {@link Scheduler}. */
public final class RealScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealScheduler.class);
    static final RealScheduler SHARED = new RealScheduler();

    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "slotgate-timer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void execute(Runnable task) {
        if (!workers.isShutdown()) {
            workers.execute(guarded(task));
        }
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            execute(task);
        } else if (!timers.isShutdown()) {
            timers.schedule(() -> execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** A failed background task is logged, never lost silently, and never kills its thread's timer. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("background task failed", e);
            }
        };
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
    }
}
