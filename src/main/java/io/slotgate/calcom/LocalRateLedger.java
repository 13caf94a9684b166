package io.slotgate.calcom;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.PriorityQueue;

/** The ledger of one process: entries as their expiry instants, oldest first. Thread-safe. */
final class LocalRateLedger implements RateLedger {
    private final PriorityQueue<Instant> expiries = new PriorityQueue<>();
    private Instant blockedUntil = Instant.MIN;

    @Override
    public synchronized Take take(Instant now, Duration window, int limit, int reserve) {
        if (now.isBefore(blockedUntil)) {
            return Take.refused(Duration.between(now, blockedUntil));
        }
        expire(now);
        int room = limit - reserve;
        if (expiries.size() < room) {
            expiries.add(now.plus(window));
            return Take.granted();
        }
        return Take.refused(untilCounting(now, Math.max(0, room - 1)));
    }

    @Override
    public synchronized void hold(Instant now, int calls, Instant until) {
        expire(now);
        for (int i = 0; i < calls; i++) {
            expiries.add(until);
        }
    }

    @Override
    public synchronized void block(Instant until) {
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
        }
    }

    @Override
    public synchronized int used(Instant now) {
        expire(now);
        return expiries.size();
    }

    @Override
    public synchronized int stillCounting(Instant now, Instant at) {
        expire(now);
        return (int) expiries.stream().filter(e -> e.isAfter(at)).count();
    }

    @Override
    public synchronized Optional<Instant> blockedUntil(Instant now) {
        return now.isBefore(blockedUntil) ? Optional.of(blockedUntil) : Optional.empty();
    }

    /** How long until the next entry stops counting (a window when there is none: nothing to wait for). */
    synchronized Duration nextExpiry(Instant now) {
        expire(now);
        return expiries.isEmpty() ? RateBudget.WINDOW : Duration.between(now, expiries.peek());
    }

    /** How long until at most {@code left} entries still count. */
    private Duration untilCounting(Instant now, int left) {
        int drop = expiries.size() - left;
        if (drop <= 0) {
            return Duration.ZERO;
        }
        Instant[] sorted = expiries.toArray(Instant[]::new);
        java.util.Arrays.sort(sorted);
        return Duration.between(now, sorted[drop - 1]);
    }

    private void expire(Instant now) {
        while (!expiries.isEmpty() && !expiries.peek().isAfter(now)) {
            expiries.poll();
        }
    }
}
