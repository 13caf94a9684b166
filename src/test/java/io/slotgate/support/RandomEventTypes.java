package io.slotgate.support;

import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.SchedulingType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random event types for the property tests that compare slotgate with the emulator: every kind (individual, round
 * robin, collective over DemoData's hosts), lengths 15-90 with or without other options, intervals, buffers and
 * notices; and a registry of those already created, so a try may ask again about an event type whose buckets earlier
 * tries filled.
 */
public final class RandomEventTypes {
    /** A new event type, or one created before. */
    public record Choice(EventTypeSpec eventType, boolean isNew) {
    }

    private final AtomicLong nextId;
    private final String slugPrefix;
    private final List<EventTypeSpec> created = new ArrayList<>();

    public RandomEventTypes(long firstId, String slugPrefix) {
        this.nextId = new AtomicLong(firstId);
        this.slugPrefix = slugPrefix;
    }

    public Arbitrary<EventTypeSpec> fresh() {
        Arbitrary<Integer> length = Arbitraries.of(15, 20, 30, 45, 60, 90);
        Arbitrary<List<Integer>> options = Arbitraries.of(15, 30, 60).list().ofMaxSize(2).uniqueElements();
        Arbitrary<Integer> interval = Arbitraries.of(0, 5, 10, 15, 30);
        Arbitrary<Integer> buffer = Arbitraries.of(0, 5, 10, 30);
        Arbitrary<Integer> notice = Arbitraries.of(0, 15, 60, 240, 1440, 2880);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
        Arbitrary<Long> firstHost = Arbitraries.longs().between(1, 4);
        return Combinators.combine(length, options, interval, buffer, buffer, notice, kind, firstHost)
                .as((len, opts, step, before, after, minNotice, k, host) -> {
                    SchedulingType type = SchedulingType.values()[k];
                    List<Long> hosts = type == SchedulingType.INDIVIDUAL ? List.of(host)
                            : List.of(host, host % 4 + 1);
                    List<Integer> lengthOptions = new ArrayList<>(opts);
                    if (!lengthOptions.isEmpty() && !lengthOptions.contains(len)) {
                        lengthOptions.add(len);
                    }
                    long id = nextId.incrementAndGet();
                    return new EventTypeSpec(id, slugPrefix + id, len, lengthOptions, step == 0 ? null : step, before,
                            after, minNotice, type, hosts);
                });
    }

    /** {@code fresh}, or with {@code reuse} one created before ({@code pick} chooses which). */
    public synchronized Choice choose(EventTypeSpec fresh, boolean reuse, long pick) {
        if (reuse && !created.isEmpty()) {
            return new Choice(created.get((int) (Math.abs(pick) % created.size())), false);
        }
        return new Choice(fresh, true);
    }

    /** Records an event type the test has just added to the emulator. */
    public synchronized void created(EventTypeSpec eventType) {
        created.add(eventType);
    }

    /** No {@code duration} (0), one of the event type's lengths (1, 2), or 7 minutes, which none has (3). */
    public static Integer duration(EventTypeSpec eventType, int pick) {
        List<Integer> lengths = eventType.allowedLengths();
        return pick == 0 ? null : pick == 3 ? 7 : lengths.get(pick % lengths.size());
    }

    /** The first five-minute boundary after {@code after}: every grid and notice here is a multiple of five minutes. */
    public static Instant nextFiveMinuteBoundary(Instant after) {
        long fiveMinutes = 300;
        return Instant.ofEpochSecond((after.getEpochSecond() / fiveMinutes + 1) * fiveMinutes);
    }
}
