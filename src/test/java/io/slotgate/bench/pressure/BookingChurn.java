package io.slotgate.bench.pressure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.emulator.EmulatorResponse;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The changes of the booking rush, made directly on the emulator (never through slotgate, so slotgate learns of them
 * only by webhook, or for calendar blocks not at all): bookings at random free slots, external calendar blocks over
 * random free times, cancels and reschedules of the run's own bookings. The emulator's request log sees the bench's
 * booking calls; they carry a key of their own and are told apart by {@link #isOwnCall}.
 */
final class BookingChurn {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HORIZON = Duration.ofDays(14);

    private final CalcomEmulator emulator;
    private final ChangeLog log;
    private final Random random;
    private final List<EventTypeSpec> types;
    private final AtomicInteger bookings = new AtomicInteger();
    private final AtomicInteger blocks = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger reschedules = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger ownCalls = new AtomicInteger();

    BookingChurn(CalcomEmulator emulator, ChangeLog log, Random random, List<EventTypeSpec> types) {
        this.emulator = emulator;
        this.log = log;
        this.random = random;
        this.types = List.copyOf(types);
    }

    /** What the churn did: bookings, blocks, cancels, reschedules made, and attempts the emulator refused. */
    record Counts(int bookings, int blocks, int cancels, int reschedules, int refused, int ownCalls) {
    }

    Counts counts() {
        return new Counts(bookings.get(), blocks.get(), cancels.get(), reschedules.get(), refused.get(), ownCalls.get());
    }

    static boolean isOwnCall(String method, String path) {
        return method.equals("POST") && path.startsWith("/v2/bookings");
    }

    void book() {
        EventTypeSpec type = types.get(random.nextInt(types.size()));
        randomFreeSlot(type, HORIZON).ifPresent(slot -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("start", slot.start().toString());
            body.put("eventTypeId", type.id());
            int guest = bookings.get() + 1;
            body.putObject("attendee").put("name", "Pressure Guest " + guest)
                    .put("email", "guest" + guest + "@example.com")
                    .put("timeZone", QueryMix.ZONES.get(random.nextInt(QueryMix.ZONES.size())));
            count(post("/v2/bookings", body), bookings);
        });
    }

    /** A block of 30-120 minutes over a free slot of a random event type, on one of its hosts, within 7 days. */
    void block() {
        EventTypeSpec type = types.get(random.nextInt(types.size()));
        long host = type.hostIds().get(random.nextInt(type.hostIds().size()));
        randomFreeSlot(type, Duration.ofDays(7)).ifPresent(slot -> {
            Instant start = slot.start().minus(Duration.ofMinutes(15L * random.nextInt(3)));
            Instant end = start.plus(Duration.ofMinutes(30L + 15L * random.nextInt(7)));
            // Logged first: an answer between the two instants is then judged with the block already known.
            log.blocked(host, start, end, emulator.clock().instant());
            emulator.addBusyBlock(host, start, end);
            blocks.incrementAndGet();
        });
    }

    void cancel() {
        randomFutureBooking().ifPresent(b -> {
            ObjectNode body = JSON.createObjectNode().put("cancellationReason", "pressure test");
            count(post("/v2/bookings/" + b.uid() + "/cancel", body), cancels);
        });
    }

    void reschedule() {
        randomFutureBooking().ifPresent(b -> emulator.eventType(b.eventTypeId()).ifPresent(type ->
                randomFreeSlot(type, HORIZON).ifPresent(slot -> {
                    ObjectNode body = JSON.createObjectNode().put("start", slot.start().toString())
                            .put("reschedulingReason", "pressure test");
                    count(post("/v2/bookings/" + b.uid() + "/reschedule", body), reschedules);
                })));
    }

    private java.util.Optional<Slot> randomFreeSlot(EventTypeSpec type, Duration horizon) {
        Instant now = emulator.clock().instant();
        List<Slot> free = emulator.availableSlots(type.id(), type.lengthMinutes(), new TimeRange(now, now.plus(horizon)));
        return free.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(free.get(random.nextInt(free.size())));
    }

    /** One of the run's bookings still standing and at least an hour ahead. */
    private java.util.Optional<ChangeLog.BookedTime> randomFutureBooking() {
        Instant soon = emulator.clock().instant().plus(Duration.ofHours(1));
        List<ChangeLog.BookedTime> standing = log.bookings().stream()
                .filter(b -> b.cancelledAt() == null && b.start().isAfter(soon)).toList();
        return standing.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(standing.get(random.nextInt(standing.size())));
    }

    private EmulatorResponse post(String path, ObjectNode body) {
        ownCalls.incrementAndGet();
        return emulator.handle(EmulatorRequest.post(path, Map.of("authorization", "Bearer " + BenchTenant.BOOKER_KEY,
                "cal-api-version", EmulatorRequest.BOOKINGS_VERSION, "content-type", "application/json"),
                body.toString()));
    }

    private void count(EmulatorResponse response, AtomicInteger done) {
        (response.status() / 100 == 2 ? done : refused).incrementAndGet();
    }
}
