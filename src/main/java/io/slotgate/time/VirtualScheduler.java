package io.slotgate.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on a {@link MutableClock}: tasks run only when {@link #runDue} is called, in time order (ties
 * in submission order), on the caller's thread. The simulator and deterministic tests drive it.
 */
public final class VirtualScheduler implements Scheduler {
    private record Task(Instant at, long seq, Runnable work) {
    }

    private final MutableClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.seq(), b.seq());
    });
    private long seq;

    public VirtualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void execute(Runnable task) {
        queue.add(new Task(clock.instant(), seq++, task));
    }

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        queue.add(new Task(clock.instant().plus(delay), seq++, task));
    }

    /** When the next task is due, or null when none is queued. */
    public synchronized Instant nextDue() {
        Task next = queue.peek();
        return next == null ? null : next.at();
    }

    /** Runs every task due at or before the clock's present, including those they queue for now. */
    public void runDue() {
        while (true) {
            Task task;
            synchronized (this) {
                Task next = queue.peek();
                if (next == null || next.at().isAfter(clock.instant())) {
                    return;
                }
                task = queue.poll();
            }
            task.work().run();
        }
    }

    /** Moves the clock forward to {@code until}, running each task at its due time on the way. */
    public void advanceTo(Instant until) {
        while (true) {
            Instant due = nextDue();
            if (due == null || due.isAfter(until)) {
                break;
            }
            if (due.isAfter(clock.instant())) {
                clock.set(due);
            }
            runDue();
        }
        if (until.isAfter(clock.instant())) {
            clock.set(until);
        }
    }

    public synchronized int pending() {
        return queue.size();
    }
}
