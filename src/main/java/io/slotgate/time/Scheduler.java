package io.slotgate.time;

import java.time.Duration;

/**
 * Where slotgate's (and the emulator's) background work runs: refreshes, warming rounds, host-map refreshes, webhook
 * deliveries, timers. In production a pool of virtual threads on wall time; in the simulator a queue that virtual
 * time drains, so a simulated day is deterministic; in some tests everything inline.
 */
public interface Scheduler {
    /** Runs the task once after the delay (zero: as soon as possible). */
    void schedule(Runnable task, Duration delay);

    /** Runs the task soon, off the caller's thread where the scheduler has threads. */
    default void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    /** Runs the task every period, the first time after one period, until the scheduler is closed. */
    default void every(Duration period, Runnable task) {
        schedule(new Runnable() {
            @Override
            public void run() {
                try {
                    task.run();
                } finally {
                    schedule(this, period);
                }
            }
        }, period);
    }

    /**
     * Every task on the calling thread at once, whatever its delay: for tests that want no waiting and no races. Not
     * for periodic work (a task that schedules itself again would never return).
     */
    static Scheduler inline() {
        return (task, delay) -> task.run();
    }

    /** One process-wide wall-clock scheduler, for parts built without a runtime (the emulator's own webhooks). */
    static Scheduler realTime() {
        return RealScheduler.SHARED;
    }
}
