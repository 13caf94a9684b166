package io.slotgate.time;

import java.time.Duration;

/**
 * Where slotgate's background work runs: refreshes, warming rounds, timers. In production a pool of virtual threads
 * on wall time; in the simulator a queue that virtual time drains, so a simulated day is deterministic.
 */
public interface Scheduler {
    /** Runs the task soon, off the caller's thread. */
    void execute(Runnable task);

    /** Runs the task once after the delay. */
    void schedule(Runnable task, Duration delay);

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
}
