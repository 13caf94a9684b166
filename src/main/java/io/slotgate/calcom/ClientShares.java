package io.slotgate.calcom;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user calls each client's misses took in the last window, so the rate budget can hold a client that took more
 * than its share behind everyone else. Counted in this process: with several instances behind a balancer each holds a
 * client to its share of what that instance spends (a client spread over instances by the balancer gets its share
 * from each, which the shared ledger still caps as a whole).
 *
 * <p>Memory is bounded by the calls of one window: a client is only remembered while one of its calls counts.
 */
public final class ClientShares {
    /** Buckets the held clients are counted in for metrics: a hash, so no label names a client. */
    public static final int BUCKETS = 16;

    /** One client's use of the window, for the dashboard. */
    public record Use(String client, int calls, boolean held) {
    }

    private final Map<String, ArrayDeque<Instant>> calls = new HashMap<>();
    private final Map<String, Instant> heldAt = new HashMap<>();
    private final long[] heldByBucket = new long[BUCKETS];
    private long held;

    /** Whether every one of {@code clients} took at least {@code share} calls in the window before {@code now}. */
    synchronized boolean over(Set<String> clients, Instant now, Duration window, int share) {
        if (clients.isEmpty()) {
            return false;
        }
        prune(now, window);
        for (String client : clients) {
            ArrayDeque<Instant> mine = calls.get(client);
            if (mine == null || mine.size() < share) {
                return false;
            }
        }
        return true;
    }

    /** One miss of {@code clients} was held to its share. */
    synchronized void held(Set<String> clients, Instant now) {
        held++;
        for (String client : clients) {
            heldByBucket[bucketOf(client)]++;
            heldAt.put(client, now);
        }
    }

    /** One call was made for {@code clients}: it counts against each of them for the window. */
    synchronized void charge(Set<String> clients, Instant now) {
        for (String client : clients) {
            calls.computeIfAbsent(client, c -> new ArrayDeque<>()).addLast(now);
        }
    }

    /** Misses held to their share since start. */
    public synchronized long held() {
        return held;
    }

    /** Misses held since start, per hashed bucket of the client ({@link #bucketOf}). */
    public synchronized long heldInBucket(int bucket) {
        return heldByBucket[bucket];
    }

    /** The clients that took the most user calls in the window, at most {@code n}, the most first. */
    public synchronized List<Use> top(int n, Instant now, Duration window) {
        prune(now, window);
        List<Use> all = new ArrayList<>();
        calls.forEach((client, mine) -> {
            Instant lastHeld = heldAt.get(client);
            all.add(new Use(client, mine.size(), lastHeld != null && !lastHeld.plus(window).isBefore(now)));
        });
        all.sort(Comparator.comparingInt(Use::calls).reversed().thenComparing(Use::client));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** Clients with a call counting now. */
    public synchronized int active(Instant now, Duration window) {
        prune(now, window);
        return calls.size();
    }

    public static int bucketOf(String client) {
        return Math.floorMod(client.hashCode(), BUCKETS);
    }

    private void prune(Instant now, Duration window) {
        Instant from = now.minus(window);
        Iterator<Map.Entry<String, ArrayDeque<Instant>>> it = calls.entrySet().iterator();
        while (it.hasNext()) {
            ArrayDeque<Instant> mine = it.next().getValue();
            while (!mine.isEmpty() && !mine.peekFirst().isAfter(from)) {
                mine.pollFirst();
            }
            if (mine.isEmpty()) {
                it.remove();
            }
        }
        heldAt.values().removeIf(at -> at.plus(window).isBefore(now));
    }
}
