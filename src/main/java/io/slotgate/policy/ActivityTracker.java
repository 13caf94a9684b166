package io.slotgate.policy;

import io.slotgate.cache.TenantId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the adaptive policy watches: bookings per event type over the last hour, and the webhook feed of each tenant
 * (when a valid webhook last arrived, how many signatures failed lately).
 */
public final class ActivityTracker {
    private static final Duration VELOCITY_WINDOW = Duration.ofHours(1);
    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);
    private static final int FAILURES_THAT_MEAN_TROUBLE = 3;

    private record EventTypeRef(TenantId tenant, long eventTypeId) {
    }

    private final Clock clock;
    private final Map<EventTypeRef, Deque<Instant>> bookings = new ConcurrentHashMap<>();
    private final Map<TenantId, Instant> lastWebhook = new ConcurrentHashMap<>();
    private final Map<TenantId, Deque<Instant>> signatureFailures = new ConcurrentHashMap<>();

    public ActivityTracker(Clock clock) {
        this.clock = clock;
    }

    public void bookingChanged(TenantId tenant, long eventTypeId) {
        Deque<Instant> times = bookings.computeIfAbsent(new EventTypeRef(tenant, eventTypeId), k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            trim(times, VELOCITY_WINDOW);
        }
    }

    public int bookingsLastHour(TenantId tenant, long eventTypeId) {
        Deque<Instant> times = bookings.get(new EventTypeRef(tenant, eventTypeId));
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            trim(times, VELOCITY_WINDOW);
            return times.size();
        }
    }

    public void webhookAccepted(TenantId tenant) {
        lastWebhook.put(tenant, clock.instant());
    }

    public void signatureFailed(TenantId tenant) {
        Deque<Instant> times = signatureFailures.computeIfAbsent(tenant, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            trim(times, FAILURE_WINDOW);
        }
    }

    /**
     * The feed is healthy when a valid webhook arrived within {@code silence} and signatures are not failing.
     * A zero silence means the policy does not rely on webhooks: always healthy.
     */
    public boolean webhooksHealthy(TenantId tenant, Duration silence) {
        if (silence.isZero()) {
            return true;
        }
        Deque<Instant> failures = signatureFailures.get(tenant);
        if (failures != null) {
            synchronized (failures) {
                trim(failures, FAILURE_WINDOW);
                if (failures.size() >= FAILURES_THAT_MEAN_TROUBLE) {
                    return false;
                }
            }
        }
        Instant last = lastWebhook.get(tenant);
        return last != null && Duration.between(last, clock.instant()).compareTo(silence) < 0;
    }

    private void trim(Deque<Instant> times, Duration window) {
        Instant horizon = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
            times.removeFirst();
        }
    }
}
