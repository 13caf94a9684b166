package io.slotgate.cache;

import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A reader waiting for its missing days: it makes the next call for their target on its own thread whenever none is
 * in flight, waits for the one in flight otherwise, asks again for a day the budget refused while its patience lasts,
 * and ends with what it has. One job: the waiting; the queue, the call and the span are the cache's.
 */
final class FillWaiter {
    private final Clock clock;
    private final FillQueue queue;
    private final BatchRunner runner;
    private final Supplier<FillSpan> span;
    private final Function<FillTarget, Function<LocalDate, Optional<DayBucket>>> usable;
    private final Consumer<BatchRunner.Result> afterRun;
    private final Supplier<Duration> expectedWait;

    /**
     * @param usable           the stored buckets of a target that settle a waiting day without a call
     * @param afterRun         told of every call a reader made (the background takes what else waits)
     * @param expectedWait     when a call is expected: the Retry-After of a reader who waited in vain
     */
    FillWaiter(Clock clock, FillQueue queue, BatchRunner runner, Supplier<FillSpan> span,
               Function<FillTarget, Function<LocalDate, Optional<DayBucket>>> usable,
               Consumer<BatchRunner.Result> afterRun, Supplier<Duration> expectedWait) {
        this.clock = clock;
        this.queue = queue;
        this.runner = runner;
        this.span = span;
        this.usable = usable;
        this.afterRun = afterRun;
        this.expectedWait = expectedWait;
    }

    /**
     * Waits until every day has a bucket or a failure, for at most {@code wait}: makes the next call for the target
     * on this thread whenever none is in flight, waits for the one in flight otherwise. A day still unsettled at the
     * end gets the rate budget's refusal, with the time a call is expected.
     */
    Map<LocalDate, Object> awaitFills(FillTarget target, Map<LocalDate, CompletableFuture<DayBucket>> days,
                                             Duration wait) {
        Patience patience = new Patience(clock, wait);
        Map<LocalDate, CompletableFuture<DayBucket>> open = new LinkedHashMap<>(days);
        Map<LocalDate, Object> settled = new LinkedHashMap<>();
        CalcomOutcome<?> lastRefusal = null;
        boolean tried = false;
        while (true) {
            open.entrySet().removeIf(e -> {
                if (!e.getValue().isDone()) {
                    return false;
                }
                try {
                    settled.put(e.getKey(), e.getValue().join());
                } catch (RuntimeException failure) {
                    settled.put(e.getKey(), asFailure(failure));
                }
                return true;
            });
            // a day refused by the budget is asked again while the reader has patience left
            long left = patience.leftNanos();
            for (Map.Entry<LocalDate, Object> e : new ArrayList<>(settled.entrySet())) {
                if (e.getValue() instanceof FillFailedException f
                        && f.outcome() instanceof CalcomOutcome.RateLimited<?> limited) {
                    lastRefusal = limited;
                    // the budget refuses at once what it cannot grant within the wait: asking again only helps when
                    // a call is expected before the reader gives up
                    if (limited.retryAfter().toNanos() < left && days.containsKey(e.getKey())) {
                        settled.remove(e.getKey());
                        open.put(e.getKey(), queue.need(target, e.getKey(), Priority.USER, clock.instant(),
                                Instant.MIN, false));
                    }
                }
            }
            // even a reader with no patience tries once: a call the budget can make at once needs no waiting
            if (open.isEmpty() || tried && left <= 0) {
                break;
            }
            tried = true;
            Optional<FillBatch> mine = queue.take(target, clock.instant(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), span.get(), usable.apply(target));
            if (mine.isPresent()) {
                BatchRunner.Result result = runner.run(mine.get(), Duration.ofNanos(Math.max(0, left)));
                afterRun.accept(result);
                continue;
            }
            Optional<FillBatch> theirs = queue.inFlight(target);
            CompletableFuture<?> next = theirs.<CompletableFuture<?>>map(FillBatch::finished)
                    .orElse(CompletableFuture.anyOf(open.values().toArray(CompletableFuture[]::new)));
            try {
                next.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                // timed out: the loop ends with what is settled; failed: the day's future says how
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!open.isEmpty()) {
            CalcomOutcome<?> refusal = lastRefusal != null ? lastRefusal
                    : new CalcomOutcome.RateLimited<>(expectedWait.get(), null);
            FillFailedException timeout = new FillFailedException(refusal, Priority.USER);
            open.keySet().forEach(day -> settled.put(day, timeout));
        }
        return settled;
    }

    /**
     * What is left of a reader's wait: the longer of the time its clock and the wall clock have moved, so that the
     * simulator (whose clock moves only when something waits) and a test whose clock stands still both see it end.
     */
    private static final class Patience {
        private final Clock clock;
        private final Instant startedAt;
        private final long startedNanos = System.nanoTime();
        private final long wait;

        Patience(Clock clock, Duration wait) {
            this.clock = clock;
            this.startedAt = clock.instant();
            this.wait = wait.toNanos();
        }

        long leftNanos() {
            long byClock = Duration.between(startedAt, clock.instant()).toNanos();
            long byWall = System.nanoTime() - startedNanos;
            return wait - Math.max(byClock, byWall);
        }
    }

    static FillFailedException asFailure(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause instanceof FillFailedException f ? f : new FillFailedException(
                new CalcomOutcome.UpstreamError<>(0, "fill failed: " + cause.getClass().getSimpleName()),
                Priority.USER);
    }
}
