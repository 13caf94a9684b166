package io.slotgate.support;

import io.slotgate.time.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Holds every task until the test says run: "the webhook has not arrived yet", then "now it has". */
public final class ManualScheduler implements Scheduler {
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        pending.add(task);
    }

    public int runAll() {
        List<Runnable> due;
        synchronized (this) {
            due = new ArrayList<>(pending);
            pending.clear();
        }
        due.forEach(Runnable::run);
        return due.size();
    }

    public synchronized int pending() {
        return pending.size();
    }
}
