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
record FillBatch(FillTarget target, FillSpan.Days days, Map<LocalDate, FillQueue.Need> needs, Priority priority,
                 Instant startedAt, CompletableFuture<Void> finished) {
    FillBatch(FillTarget target, FillSpan.Days days, Map<LocalDate, FillQueue.Need> needs, Priority priority,
              Instant startedAt) {
        this(target, days, Map.copyOf(needs), priority, startedAt, new CompletableFuture<>());
    }

    /** Whether a sibling's refetch asked for this day only: a change it finds is not passed on again. */
    boolean echo(LocalDate day) {
        FillQueue.Need need = needs.get(day);
        return need != null && need.echo();
    }
}
