package io.slotgate.availability;

import io.slotgate.policy.PolicyProfile;
import io.slotgate.time.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs warming rounds every {@code warmEvery} of the active profile. It ticks every few seconds and checks the
 * profile each time, so a reloaded policy changes the pace (or stops warming) without a restart.
 */
public final class Warmer {
    private static final Duration TICK = Duration.ofSeconds(5);

    private final AvailabilityService availability;
    private final Supplier<PolicyProfile> policy;
    private final Clock clock;
    private Instant lastRound = Instant.MIN;

    public Warmer(AvailabilityService availability, Supplier<PolicyProfile> policy, Clock clock) {
        this.availability = availability;
        this.policy = policy;
        this.clock = clock;
    }

    public void start(Scheduler scheduler) {
        scheduler.every(TICK, this::tick);
    }

    synchronized void tick() {
        PolicyProfile profile = policy.get();
        if (profile.warmTopEventTypes() == 0) {
            return;
        }
        Instant now = clock.instant();
        if (lastRound.equals(Instant.MIN) || Duration.between(lastRound, now).compareTo(profile.warmEvery()) >= 0) {
            lastRound = now;
            availability.warm();
        }
    }
}
