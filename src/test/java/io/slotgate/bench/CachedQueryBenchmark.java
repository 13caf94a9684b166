package io.slotgate.bench;

import io.slotgate.app.RuntimeServices;
import io.slotgate.app.Slotgate;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.Stack;
import io.slotgate.time.VirtualScheduler;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.SlotsQuery;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.InProcessTransport;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.SlotFormat;
import io.slotgate.slots.SlotsJson;
import io.slotgate.slots.TimeRange;
import io.slotgate.time.MutableClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cached query path without HTTP: a 7-day and a 1-day query answered from warm day buckets (lookup, serve-time
 * filtering, clipping, rendering), beside the emulator computing the same 7 days from its model, which is the work
 * a cache hit saves even before Cal.com's network latency. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CachedQueryBenchmark {
    private static final LocalDate MONDAY = LocalDate.of(2030, 1, 7);
    private AvailabilityService availability;
    private CalcomEmulator emulator;
    private SlotsQuery week;
    private SlotsQuery day;
    private RequestedZone berlin;
    private TimesIn weekInBerlin;
    private EmulatorRequest calcomWeek;

    @Setup
    public void setUp() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-06T08:00:00Z"));
        emulator = new CalcomEmulator(clock, EmulatorSettings.defaults().withLatency(LatencyModel.zero())
                .withRateLimit(Integer.MAX_VALUE));
        DemoData.install(emulator);
        SlotgateConfig config = SlotgateConfig.defaults()
                .withCalcom(SlotgateConfig.HOSTED_CALCOM, Optional.of(new Secret(EmulatorSettings.DEMO_API_KEY)));
        RuntimeServices runtime = new RuntimeServices(clock, io.slotgate.calcom.Sleeper.system(),
                new VirtualScheduler(clock), Runnable::run,
                settings -> new InProcessTransport(emulator), PolicyHolder.fixed(Stack.TEST_POLICY),
                new ActivityTracker(clock), new java.util.Random(1));
        availability = Slotgate.tenant(config, config.defaultTenant(), runtime).availability();
        week = new SlotsQuery(1010, TimeRange.utcDays(MONDAY, MONDAY.plusDays(6)), Optional.empty());
        day = new SlotsQuery(1010, TimeRange.utcDay(MONDAY), Optional.empty());
        berlin = RequestedZone.parse("Europe/Berlin").orElseThrow();
        weekInBerlin = new TimesIn(berlin);
        calcomWeek = EmulatorRequest.get("/v2/slots", EmulatorRequest.query("eventTypeId", "1010",
                "start", "2030-01-07", "end", "2030-01-13", "timeZone", "Europe/Berlin"),
                Map.of("cal-api-version", "2024-09-04"));
        availability.slots(week);
    }

    @Benchmark
    public String cachedSevenDays() {
        return SlotsJson.render(availability.slots(week).slots(), berlin, SlotFormat.TIME);
    }

    @Benchmark
    public String cachedOneDay() {
        return SlotsJson.render(availability.slots(day).slots(), berlin, SlotFormat.TIME);
    }

    /** A hit as the slots route serves it: the days looked up, the kept rendering's bytes served again. */
    @Benchmark
    public Object keptRenderingSevenDays() {
        return availability.rendered(week, weekInBerlin).body();
    }

    /** The 2024-09-04 body in one zone, as the slots route's own form renders it. */
    private record TimesIn(RequestedZone zone) implements io.slotgate.availability.AnswerForm {
        @Override
        public String render(java.util.List<io.slotgate.slots.Slot> slots) {
            return SlotsJson.render(slots, zone, SlotFormat.TIME);
        }
    }

    @Benchmark
    public String emulatorComputesSevenDays() {
        return emulator.handle(calcomWeek).body();
    }
}
