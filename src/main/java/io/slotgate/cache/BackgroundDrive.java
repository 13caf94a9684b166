package io.slotgate.cache;

import static io.slotgate.time.Durations.max;

import io.slotgate.calcom.Priority;
import io.slotgate.time.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The background's calls: refreshes, refetches and warming, made on the scheduler from the fill queue, most urgent
 * event type first, one drive at a time. Whatever asks the background for days (a reader's refresh, a change's
 * refetch, warming) asks it here.
 */
final class BackgroundDrive {
    private final Clock clock;
    private final Scheduler background;
    private final FillQueue queue;
    private final BatchRunner runner;
    private final Supplier<FillSpan> span;
    private final Function<FillTarget, Function<LocalDate, Optional<DayBucket>>> usable;
    private final AtomicBoolean driving = new AtomicBoolean();
    private final AtomicBoolean driveAgain = new AtomicBoolean();
    /** A drive is queued to run now and has not started: it will see every need asked before it starts. */
    private final AtomicBoolean queuedNow = new AtomicBoolean();
    /** The instants a drive is scheduled for: many needs due at one instant share one drive. */
    private final Set<Instant> scheduledAt = ConcurrentHashMap.newKeySet();

    /** @param usable a target's stored days that may settle a waiting day without a call */
    BackgroundDrive(Clock clock, Scheduler background, FillQueue queue, BatchRunner runner, Supplier<FillSpan> span,
                    Function<FillTarget, Function<LocalDate, Optional<DayBucket>>> usable) {
        this.clock = clock;
        this.background = background;
        this.queue = queue;
        this.runner = runner;
        this.span = span;
        this.usable = usable;
    }

    /**
     * Queues a need for each day of [first, last] and has the drive fetch it once due.
     *
     * @param freedOnly the copy served meanwhile offers no taken slot: paced by the policy's freed spacing
     */
    void need(FillTarget target, LocalDate first, LocalDate last, Priority priority, Instant notBefore, boolean echo,
              boolean freedOnly) {
        Instant now = clock.instant();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            queue.need(target, day, priority, now, notBefore, echo, freedOnly);
        }
        kick(notBefore.isAfter(now) ? Duration.between(now, notBefore) : Duration.ZERO);
    }

    // every need kicks the drive, and each drive scans every waiting day: with a spent budget and many event types,
    // one drive per need made the scans quadratic (the simulator's 150-event-type point ran for over 40 minutes, now 4)
    private void kick(Duration in) {
        if (in.isPositive()) {
            Instant at = clock.instant().plus(in);
            if (scheduledAt.add(at)) {
                background.schedule(() -> {
                    scheduledAt.remove(at);
                    drive();
                }, in);
            }
        } else if (queuedNow.compareAndSet(false, true)) {
            background.execute(() -> {
                queuedNow.set(false);
                drive();
            });
        }
    }

    /**
     * Makes the background calls: the most urgent target first, each call without waiting for the rate budget. A
     * refusal stops the drive until the budget expects room; needs that are not due yet get a drive at their time.
     * One drive at a time: a kick while one runs makes it go round once more.
     */
    private void drive() {
        if (!driving.compareAndSet(false, true)) {
            driveAgain.set(true);
            return;
        }
        Duration retry = null;
        try {
            do {
                driveAgain.set(false);
                for (FillTarget target : queue.due(clock.instant())) {
                    Optional<FillBatch> batch = queue.take(target, clock.instant(), today(), span.get(),
                            usable.apply(target));
                    if (batch.isEmpty()) {
                        continue;
                    }
                    BatchRunner.Result result = runner.run(batch.get(), Duration.ZERO);
                    if (result instanceof BatchRunner.Refused refused) {
                        retry = refused.retryAfter();
                        break;
                    }
                }
            } while (driveAgain.get() && retry == null);
        } finally {
            driving.set(false);
        }
        Instant now = clock.instant();
        Optional<Instant> later = queue.nextDue(now);
        if (retry != null) {
            kick(max(retry, Duration.ofMillis(50)));
        } else if (later.isPresent()) {
            kick(Duration.between(now, later.get()));
        }
    }

    /** After a reader's own call: what else is waiting (other readers' days, refreshes) is the background drive's. */
    void afterRun(BatchRunner.Result result) {
        if (!(result instanceof BatchRunner.Refused) && !queue.due(clock.instant()).isEmpty()) {
            kick(Duration.ZERO);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
