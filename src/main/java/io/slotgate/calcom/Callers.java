package io.slotgate.calcom;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The clients a Cal.com call is made for, as the rate budget's fair shares see them. A call goes through the cache's
 * queue, the filler and the client's interceptors, none of which has a place for "who asked": so the HTTP layer names
 * the reader for its request's thread, the fill queue keeps the readers of each waiting day, and the call that serves
 * them runs with their names. Nothing but the fair shares reads it; an empty set means "nobody in particular" (a
 * background call, a test), which is never held to a share.
 */
public final class Callers {
    /**
     * Who the thread works for: a fixed set, or one client named only when asked (naming a request's client hashes
     * its token or address, and a cache hit never asks: that hash showed on the hit path's profile).
     */
    private static final ThreadLocal<Supplier<Set<String>>> CURRENT = ThreadLocal.withInitial(() -> Set::of);

    private Callers() {
    }

    /** Who the current thread's work is for. */
    public static Set<String> current() {
        return CURRENT.get().get();
    }

    /** Runs {@code work} on behalf of {@code clients}, then restores whoever it ran for before. */
    public static <T> T as(Set<String> clients, Supplier<T> work) {
        Supplier<Set<String>> before = CURRENT.get();
        Set<String> fixed = Set.copyOf(clients);
        CURRENT.set(() -> fixed);
        try {
            return work.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /** A piece of work that may throw what a request handler throws. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} on behalf of one client. */
    public static void run(String client, Work work) throws Exception {
        Set<String> fixed = Set.of(client);
        runNamed(() -> fixed, work);
    }

    /**
     * Runs {@code work} on behalf of the client {@code client} names, asked at most once and only if something in
     * the work asks who it is for, on this thread.
     */
    public static void runLazily(Supplier<String> client, Work work) throws Exception {
        runNamed(new Supplier<>() {
            private Set<String> named;

            @Override
            public Set<String> get() {
                if (named == null) {
                    named = Set.of(client.get());
                }
                return named;
            }
        }, work);
    }

    private static void runNamed(Supplier<Set<String>> clients, Work work) throws Exception {
        Supplier<Set<String>> before = CURRENT.get();
        CURRENT.set(clients);
        try {
            work.run();
        } finally {
            CURRENT.set(before);
        }
    }
}
