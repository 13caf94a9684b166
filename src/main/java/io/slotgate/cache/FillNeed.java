package io.slotgate.cache;

import io.slotgate.calcom.Callers;
import io.slotgate.calcom.Priority;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A day waiting for a fill: one future every reader of the day shares, the most urgent priority anyone asked it
 * with, the earliest "not before", and the clients whose misses wait on it. Guarded by the {@link FillQueue} that
 * holds it; its future is settled by whichever call answers the day.
 */
final class FillNeed {
    /** More readers than this on one day is a crowd, not one client's junk: its call is never held to a share. */
    static final int MAX_READERS = 8;

    /** The most urgent need first; among equals, the one waiting longest. */
    static final Comparator<FillNeed> URGENCY = Comparator.comparing(FillNeed::priority)
            .thenComparing(FillNeed::since);

    private Priority priority;
    private Instant notBefore;
    private boolean echo;
    private boolean freedOnly;
    private final Instant since;
    private final CompletableFuture<DayBucket> settled = new CompletableFuture<>();
    /** The clients whose misses wait on this day (for fair shares); null once anyone unnamed or a crowd waits. */
    private Set<String> readers = new HashSet<>();

    private FillNeed(Priority priority, Instant since, Instant notBefore, boolean echo, boolean freedOnly) {
        this.priority = priority;
        this.since = since;
        this.notBefore = notBefore;
        this.echo = echo;
        this.freedOnly = freedOnly;
    }

    /** A day first asked for at {@code since}; a user's miss names the clients it is read by. */
    static FillNeed asked(Priority priority, Instant since, Instant notBefore, boolean echo, boolean freedOnly) {
        FillNeed need = new FillNeed(priority, since, notBefore, echo, freedOnly);
        if (priority == Priority.USER) {
            need.readBy(Callers.current());
        }
        return need;
    }

    /**
     * Asked again while waiting: keeps its future and takes the more urgent priority and the earlier "not before" (a
     * user's miss wants any call that comes); it stays an echo, or freed-only, only if every asker says so.
     */
    void join(Priority asked, Instant askedNotBefore, boolean askedEcho, boolean askedFreedOnly) {
        if (asked == Priority.USER) {
            if (priority != Priority.USER) {
                readers = new HashSet<>();  // a background need raised: its readers start now
            }
            readBy(Callers.current());
        }
        if (asked.compareTo(priority) < 0) {
            priority = asked;
        }
        if (askedNotBefore.isBefore(notBefore)) {
            notBefore = askedNotBefore;
        }
        echo &= askedEcho;
        freedOnly &= askedFreedOnly;
    }

    /** Put back after a refused call: not due before {@code again}. */
    void notBefore(Instant again) {
        if (notBefore.isBefore(again)) {
            notBefore = again;
        }
    }

    /** Settles this need's readers with whatever settles {@code other}: two needs of one day, one call. */
    void settleWith(FillNeed other) {
        other.settled.whenComplete((bucket, failure) -> {
            if (failure == null) {
                settled.complete(bucket);
            } else {
                settled.completeExceptionally(failure);
            }
        });
    }

    /** A user's miss of {@code clients} waits on this day; an unnamed one (or too many) makes it nobody's. */
    private void readBy(Set<String> clients) {
        if (readers == null) {
            return;
        }
        if (clients.isEmpty() || readers.size() + clients.size() > MAX_READERS) {
            readers = null;
        } else {
            readers.addAll(clients);
        }
    }

    /** The clients this day's call is for; empty when it serves someone unnamed or a crowd (never rationed). */
    Set<String> readers() {
        return readers == null ? Set.of() : Set.copyOf(readers);
    }

    boolean rationable() {
        return readers != null && !readers.isEmpty();
    }

    Priority priority() {
        return priority;
    }

    Instant since() {
        return since;
    }

    Instant notBefore() {
        return notBefore;
    }

    /** Only wants to show slots a change may have freed: paced by the freed spacing. */
    boolean freedOnly() {
        return freedOnly;
    }

    /** A refetch a sibling asked for: a change it finds is not passed on again. */
    boolean echo() {
        return echo;
    }

    CompletableFuture<DayBucket> settled() {
        return settled;
    }
}
