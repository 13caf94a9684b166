package io.slotgate.bench.pressure;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.emulator.EmulatorResponse;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;
import io.slotgate.slots.SlotFormat;
import io.slotgate.slots.SlotsJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Cal.com (the in-process emulator) would answer to a query at this instant: read through the emulator's
 * ground-truth call, which neither spends a rate limit, nor sleeps its latency, nor enters the request log, and
 * rendered as {@code GET /v2/slots} renders it. {@link #differenceFromEmulator} proves the two agree on given
 * queries by asking the emulator's own request handler.
 */
final class Truth {
    /** The truth of one query: when it was read, the slots, and the body Cal.com would send. */
    record Reading(Instant at, List<Slot> slots, String body) {
    }

    private final CalcomEmulator emulator;
    private final AtomicLong anonymousCallers = new AtomicLong();

    Truth(CalcomEmulator emulator) {
        this.emulator = emulator;
    }

    Reading read(BenchQuery query) {
        EventTypeSpec type = emulator.eventType(query.eventTypeId())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + query.eventTypeId()));
        Instant at = emulator.clock().instant();
        RequestedZone zone = RequestedZone.parse(query.timeZone())
                .orElseThrow(() -> new IllegalArgumentException("bad time zone " + query.timeZone()));
        // asked in the query's zone, as the query asks Cal.com: slot starts are aligned in it (docs/calcom-slots.md)
        List<Slot> slots = emulator.availableSlots(type.id(), query.minutes(type), query.range(), zone.zone());
        SlotFormat format = SlotFormat.parse(query.format())
                .orElseThrow(() -> new IllegalArgumentException("bad format " + query.format()));
        return new Reading(at, slots, SlotsJson.render(new ArrayList<>(slots), zone, format));
    }

    /**
     * Empty when {@link #read} gives the body the emulator's HTTP handler gives for the same query, now; otherwise a
     * description of the difference. Each call goes in as a caller without a key from an address of its own, so it
     * spends no key's rate limit; it does enter the emulator's request log, so call it only when that log is not
     * being counted.
     */
    Optional<String> differenceFromEmulator(BenchQuery query) {
        EmulatorRequest request = EmulatorRequest.get("/v2/slots", query.params(),
                Map.of("cal-api-version", EmulatorRequest.SLOTS_VERSION,
                        "cf-connecting-ip", "10.99." + anonymousCallers.incrementAndGet()));
        EmulatorResponse own = emulator.handle(request);
        String mine = read(query).body();
        if (own.status() != 200) {
            return Optional.of(query.queryString() + ": the emulator answered " + own.status() + " " + own.body());
        }
        if (!own.body().equals(mine)) {
            return Optional.of(query.queryString() + ": the emulator's body differs from the judge's\n  emulator: "
                    + abbreviate(own.body()) + "\n  judge:    " + abbreviate(mine));
        }
        return Optional.empty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
