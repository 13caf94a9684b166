package io.slotgate.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs work later. Injected wherever slotgate or the emulator acts on a timer (host-map refreshes, webhook
 * deliveries), so tests can run it inline and the simulator can drive it from virtual time.
 */
@FunctionalInterface
public interface Scheduler {
    /** Runs {@code task} once, {@code delay} from now (zero: as soon as possible, possibly on the caller's thread). */
    void schedule(Duration delay, Runnable task);

    /**
     * Every task on the calling thread at once, whatever its delay: for tests that want no waiting and no races. Not
     * for periodic work (a task that schedules itself again would never return).
     */
    static Scheduler inline() {
        return (delay, task) -> task.run();
    }

    /** Wall-clock time: one daemon timer thread hands each task to a virtual thread when it is due. */
    static Scheduler realTime() {
        return RealTime.INSTANCE;
    }

    final class RealTime implements Scheduler {
        private static final RealTime INSTANCE = new RealTime();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slotgate-scheduler");
            t.setDaemon(true);
            return t;
        });

        private RealTime() {
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            Objects.requireNonNull(task, "task");
            if (delay.isZero() || delay.isNegative()) {
                Thread.ofVirtual().name("slotgate-task").start(task);
                return;
            }
            timer.schedule(() -> Thread.ofVirtual().name("slotgate-task").start(task),
                    delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
