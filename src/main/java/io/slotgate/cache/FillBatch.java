package io.slotgate.cache;

import io.slotgate.calcom.Priority;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One Cal.com call in the making: the target, the span it fetches, the waiting days it settles, the most urgent
 * priority among them (what the rate budget sees) and when it was taken from the queue. {@link #finished} completes
 * when the call is over, however it ended, so that readers who wait for the next call know when to look again.
 */
record FillBatch(FillTarget target, FillSpan.Days days, Map<LocalDate, FillNeed> needs, Priority priority,
                 Instant startedAt, CompletableFuture<Void> finished) {
    FillBatch(FillTarget target, FillSpan.Days days, Map<LocalDate, FillNeed> needs, Priority priority,
              Instant startedAt) {
        this(target, days, Map.copyOf(needs), priority, startedAt, new CompletableFuture<>());
    }

    /**
     * The clients this call is made for, as the rate budget's fair shares see them: every reader of its users' days, or
     * nobody (never held) when one of them is unnamed or a crowd. A day read by a client within its share thus takes
     * the call along for the others.
     */
    java.util.Set<String> clients() {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (FillNeed need : needs.values()) {
            if (need.priority() != Priority.USER) {
                continue;
            }
            if (!need.rationable()) {
                return java.util.Set.of();
            }
            all.addAll(need.readers());
        }
        return all.size() > FillNeed.MAX_READERS ? java.util.Set.of() : all;
    }

    /** Whether a sibling's refetch asked for this day only: a change it finds is not passed on again. */
    boolean echo(LocalDate day) {
        FillNeed need = needs.get(day);
        return need != null && need.echo();
    }
}
