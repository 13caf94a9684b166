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
    private static final ThreadLocal<Set<String>> CURRENT = ThreadLocal.withInitial(Set::of);

    private Callers() {
    }

    /** Who the current thread's work is for. */
    public static Set<String> current() {
        return CURRENT.get();
    }

    /** Runs {@code work} on behalf of {@code clients}, then restores whoever it ran for before. */
    public static <T> T as(Set<String> clients, Supplier<T> work) {
        Set<String> before = CURRENT.get();
        CURRENT.set(Set.copyOf(clients));
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
        Set<String> before = CURRENT.get();
        CURRENT.set(Set.of(client));
        try {
            work.run();
        } finally {
            CURRENT.set(before);
        }
    }
}
