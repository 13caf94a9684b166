package io.slotgate.bench.pressure;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.emulator.WebhookSubscription;
import io.slotgate.time.Scheduler;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Cal.com stand-in of a run: the emulator with Cal.com's latency (300-800 ms) and limit (120 per 60 s per key,
 * then 60 s blocked), the demo tenant (event types 1001-1010 over four hosts), and when a scenario needs more event
 * types, 2001 onwards over the same hosts. Its webhooks go over HTTP to the balancer, signed with the secret slotgate
 * is started with, late and lossy as Cal.com's (median 0.5 s, p99 5 s, 1% lost).
 */
final class BenchTenant {
    /** The key the bench books with, so its bookings spend none of slotgate's limit. */
    static final String BOOKER_KEY = "cal_live_pressure_booker";
    static final String WEBHOOK_SECRET = "pressure-webhook-secret";
    static final WebhookDeliveryModel DELIVERY =
            new WebhookDeliveryModel(Duration.ofMillis(500), Duration.ofSeconds(5), 0.01);
    static final long FIRST_EXTRA_ID = 2001;
    private static final int DEMO_TYPES = 10;

    private BenchTenant() {
    }

    static CalcomEmulator emulator(Clock clock, long seed, int eventTypes) {
        EmulatorSettings settings = EmulatorSettings.defaults()
                .withApiKeys(Set.of(EmulatorSettings.DEMO_API_KEY, BOOKER_KEY))
                .withRandomSeed(seed);
        CalcomEmulator emulator = new CalcomEmulator(clock, settings);
        DemoData.install(emulator);
        extraEventTypes(eventTypes - DEMO_TYPES).forEach(emulator::addEventType);
        return emulator;
    }

    static void sendWebhooksTo(CalcomEmulator emulator, URI balancer) {
        emulator.webhooks().use(Scheduler.realTime(), DELIVERY);
        emulator.webhooks().subscribe(WebhookSubscription.organization("pressure", balancer.resolve("/webhooks/calcom"),
                WEBHOOK_SECRET, WebhookSubscription.ALL_TRIGGERS));
    }

    /** The event types a scenario asks about: the demo ones first, then the extra ones. */
    static List<Long> eventTypeIds(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(i < DEMO_TYPES ? 1001L + i : FIRST_EXTRA_ID + i - DEMO_TYPES);
        }
        return ids;
    }

    /**
     * Extra event types over the demo hosts, varied as the demo ones are: individual, round robin and collective
     * (collective only over pairs whose working hours overlap), lengths 15-60 with some multi-length ones, slot
     * intervals, buffers and minimum notice.
     */
    static List<EventTypeSpec> extraEventTypes(int count) {
        int[] lengths = {15, 20, 30, 45, 60};
        Integer[] intervals = {null, 15, null, 30, 10};
        int[] buffers = {0, 5, 10, 0, 15};
        int[] notices = {0, 30, 60, 120, 240, 1440};
        List<List<Long>> roundRobins = List.of(List.of(DemoData.ANNA, DemoData.BEN),
                List.of(DemoData.BEN, DemoData.PRIYA, DemoData.OLIVER),
                List.of(DemoData.ANNA, DemoData.BEN, DemoData.PRIYA, DemoData.OLIVER));
        List<List<Long>> collectives = List.of(List.of(DemoData.ANNA, DemoData.OLIVER),
                List.of(DemoData.ANNA, DemoData.PRIYA), List.of(DemoData.BEN, DemoData.OLIVER));
        List<EventTypeSpec> out = new ArrayList<>();
        for (int i = 0; i < Math.max(0, count); i++) {
            int length = lengths[i % lengths.length];
            List<Integer> options = i % 7 == 3 ? List.of(length, length * 2) : List.of();
            SchedulingType scheduling = switch (i % 3) {
                case 0 -> SchedulingType.INDIVIDUAL;
                case 1 -> SchedulingType.ROUND_ROBIN;
                default -> SchedulingType.COLLECTIVE;
            };
            List<Long> hosts = switch (scheduling) {
                case INDIVIDUAL -> List.of((long) (i % 4) + 1);
                case ROUND_ROBIN -> roundRobins.get(i % roundRobins.size());
                case COLLECTIVE -> collectives.get(i % collectives.size());
            };
            out.add(new EventTypeSpec(FIRST_EXTRA_ID + i, "pressure-type-" + (i + 1), length, options,
                    intervals[i % intervals.length], buffers[i % buffers.length], buffers[(i + 2) % buffers.length],
                    notices[i % notices.length], scheduling, hosts));
        }
        return out;
    }
}
