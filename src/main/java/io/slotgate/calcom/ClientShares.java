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
 * The misses each client asked for in the last window (a user call asked of the rate budget, granted or not, and a
 * query for an event type the catalog refused: each would have been a call), so the rate budget can hold a client
 * that asked for more than its share behind everyone else. Demand, not calls granted, is what tells a client that
 * hammers slotgate from one that asks what it needs: while calls are plenty both are granted alike.
 *
 * <p>Counted in this process: with several instances behind a balancer each holds a
 * client to its share of what that instance spends (a client spread over instances by the balancer gets its share
 * from each, which the shared ledger still caps as a whole).
 *
 * <p>Memory is bounded: a client is remembered only while one of its misses counts, with at most
 * {@link #MAX_PER_CLIENT} of them (far past any share), and at most {@link #MAX_CLIENTS} clients (a client beyond
 * them is not counted until some are forgotten).
 */
public final class ClientShares {
    /** Buckets the held clients are counted in for metrics: a hash, so no label names a client. */
    public static final int BUCKETS = 16;
    static final int MAX_PER_CLIENT = 4096;
    static final int MAX_CLIENTS = 100_000;

    /** One client's use of the window, for the dashboard. */
    public record Use(String client, int misses, boolean held) {
    }

    private final Map<String, ArrayDeque<Instant>> calls = new HashMap<>();
    private final Map<String, Instant> heldAt = new HashMap<>();
    private final long[] heldByBucket = new long[BUCKETS];
    private long held;

    /**
     * The fewest misses any of {@code clients} asked for in the window before {@code now}: a call for several clients
     * stands as well as the lightest of them.
     */
    synchronized int misses(Set<String> clients, Instant now, Duration window) {
        prune(now, window);
        int fewest = Integer.MAX_VALUE;
        for (String client : clients) {
            ArrayDeque<Instant> mine = calls.get(client);
            fewest = Math.min(fewest, mine == null ? 0 : mine.size());
        }
        return clients.isEmpty() ? 0 : fewest;
    }

    /**
     * Whether a client other than {@code clients} asked for a miss in the window and is still within its share: the
     * over-share reserve is kept for such clients, and lent to the held ones while there is none.
     */
    synchronized boolean othersWithinShare(Set<String> clients, Instant now, Duration window, int share) {
        prune(now, window);
        for (Map.Entry<String, ArrayDeque<Instant>> e : calls.entrySet()) {
            if (!clients.contains(e.getKey()) && e.getValue().size() < share) {
                return true;
            }
        }
        return false;
    }

    /** One miss of {@code clients} was held to its share. */
    synchronized void held(Set<String> clients, Instant now) {
        held++;
        for (String client : clients) {
            heldByBucket[bucketOf(client)]++;
            heldAt.put(client, now);
        }
    }

    /** One miss was asked for by {@code clients}: it counts against each of them for the window. */
    public synchronized void charge(Set<String> clients, Instant now) {
        for (String client : clients) {
            ArrayDeque<Instant> mine = calls.get(client);
            if (mine == null) {
                if (calls.size() >= MAX_CLIENTS) {
                    continue;
                }
                mine = new ArrayDeque<>();
                calls.put(client, mine);
            }
            mine.addLast(now);
            if (mine.size() > MAX_PER_CLIENT) {
                mine.pollFirst();
            }
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

    /** The clients that asked for the most misses in the window, at most {@code n}, the most first. */
    public synchronized List<Use> top(int n, Instant now, Duration window) {
        prune(now, window);
        List<Use> all = new ArrayList<>();
        calls.forEach((client, mine) -> {
            Instant lastHeld = heldAt.get(client);
            all.add(new Use(client, mine.size(), lastHeld != null && !lastHeld.plus(window).isBefore(now)));
        });
        all.sort(Comparator.comparingInt(Use::misses).reversed().thenComparing(Use::client));
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
