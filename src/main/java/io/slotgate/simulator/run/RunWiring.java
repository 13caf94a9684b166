package io.slotgate.simulator.run;

import io.slotgate.app.RuntimeServices;
import io.slotgate.app.Slotgate;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.InProcessTransport;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.emulator.WebhookSubscription;
import io.slotgate.invalidation.WebhookSignature;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.simulator.generator.GeneratedTenant;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.Tenants;
import io.slotgate.time.MutableClock;
import io.slotgate.time.Scheduler;
import io.slotgate.time.VirtualScheduler;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator and slotgate's real tenant of one run, wired as in production but on one thread: one virtual clock
 * and scheduler for both, an in-process transport whose calls are counted, and the emulator's webhooks delivered to
 * slotgate's intake (and to the record of what slotgate was told).
 *
 * @param waitedNanos what the request being served has waited so far: the latencies of its Cal.com calls and its
 *                    waits for a rate-budget token or a retry's backoff
 */
record RunWiring(MutableClock clock, VirtualScheduler scheduler, CalcomEmulator emulator, Recorder recorder,
                 AtomicLong waitedNanos, Tenant tenant, AnnouncedBookings announced, Judge judge) {
    private static final String WEBHOOK_SECRET = "whsec_simulation";

    static RunWiring of(Workload workload, long seed, PolicyProfile profile) {
        MutableClock clock = new MutableClock(start(workload));
        VirtualScheduler scheduler = new VirtualScheduler(clock);
        Recorder recorder = new Recorder(workload.zone());
        CalcomEmulator emulator = new CalcomEmulator(clock, EmulatorSettings.defaults()
                .withLatency(LatencyModel.uniform(Duration.ofMillis(workload.latencyMinMs()),
                        Duration.ofMillis(workload.latencyMaxMs())))
                .withRateLimit(workload.rateLimitPerMinute())
                .withRandomSeed(seed));
        GeneratedTenant.install(emulator, workload);
        emulator.webhooks().use(scheduler, new WebhookDeliveryModel(
                Duration.ofMillis(Math.round(workload.webhookMedianSeconds() * 1000)),
                Duration.ofMillis(Math.round(workload.webhookP99Seconds() * 1000)), workload.webhookLoss()));
        AtomicLong waitedNanos = new AtomicLong();
        Tenant tenant = slotgate(clock, scheduler, emulator, recorder, waitedNanos, seed, profile);
        AnnouncedBookings announced = new AnnouncedBookings(emulator);
        Judge judge = new Judge(emulator, announced);
        emulator.webhooks().subscribe(WebhookSubscription.inProcess("simulation", (headers, body) -> {
            BookingUids.announcedIn(body).ifPresent(uid -> announced.announced(uid, clock.instant()));
            tenant.invalidation().webhooks().receive(body, headers.get(WebhookSignature.HEADER));
        }, WEBHOOK_SECRET, WebhookSubscription.ALL_TRIGGERS));
        return new RunWiring(clock, scheduler, emulator, recorder, waitedNanos, tenant, announced, judge);
    }

    static Instant start(Workload workload) {
        return workload.firstDay().atTime(workload.startTime()).atZone(workload.zone()).toInstant();
    }

    private static Tenant slotgate(MutableClock clock, VirtualScheduler scheduler, CalcomEmulator emulator,
                                   Recorder recorder, AtomicLong waitedNanos, long seed, PolicyProfile profile) {
        // the staleness verifier is monitoring, not caching: its fixed cost (one call a minute) is left out, and the
        // simulator judges every answer exactly instead
        SlotgateConfig config = SlotgateConfig.defaults()
                .withCalcom(URI.create("http://calcom.simulated"), Optional.of(new Secret(EmulatorSettings.DEMO_API_KEY)))
                .withWebhookSecret(Optional.of(new Secret(WEBHOOK_SECRET)))
                .with(b -> b.verifier = io.slotgate.ops.StalenessVerifier.Settings.off());
        CalcomTransport counted = new CountingTransport(
                new InProcessTransport(emulator, "10.0.0.1", latency -> waitedNanos.addAndGet(latency.toNanos())),
                clock, recorder);
        // A wait (for a rate-budget token, before a retry) holds up only the request that waits, as on its own thread
        // in production: it is accounted to that request's latency, and the clock, which every other request and
        // background task shares, does not move. Advancing it would replay the rest of the stream late, one wait after
        // another, so that no later request ever found the queue of waiting users long, and none was refused.
        RuntimeServices runtime = new RuntimeServices(clock, d -> waitedNanos.addAndGet(d.toNanos()),
                guarded(scheduler), Runnable::run, settings -> counted, PolicyHolder.fixed(profile),
                new ActivityTracker(clock), new SplittableRandom(seed * 7919));
        Tenants tenants = Slotgate.tenants(config, runtime, Optional.empty());
        Slotgate.startBackground(tenants, runtime);
        return tenants.defaultTenant();
    }

    /**
     * slotgate's background work, on the virtual scheduler; a task that fails is dropped, as production's scheduler
     * logs and drops it (a refresh the rate budget refused, a warming round whose fill failed), instead of ending the
     * run.
     */
    private static Scheduler guarded(VirtualScheduler scheduler) {
        return (task, delay) -> scheduler.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a failed fill already counts where it matters: in the calls made and the replies given
            }
        }, delay);
    }

    /** What the request being served has waited so far, as its latency beyond the 1 ms of an answer. */
    Duration waited() {
        return Duration.ofNanos(waitedNanos.get());
    }
}
