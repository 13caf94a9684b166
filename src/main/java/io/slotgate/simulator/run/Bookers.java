package io.slotgate.simulator.run;

import io.slotgate.availability.SlotsQuery;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.emulator.EmulatorResponse;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.simulator.generator.SimEvent;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The stream's bookers: each books one of the slots it is shown, through slotgate's write-through or on Cal.com's
 * own booking page, and may cancel or move the booking later; those follow-ups wait here until they are due.
 */
final class Bookers {
    private static final String BOOKER_IP = "203.0.113.7";
    private static final Map<String, String> BOOKING_HEADERS = Map.of("cal-api-version", "2024-08-13",
            "content-type", "application/json");

    /** A cancellation or reschedule of a booking made earlier in the run. */
    record FollowUp(Instant at, long seq, String uid, long eventTypeId, boolean cancel, boolean throughSlotgate,
                    double pick) implements Comparable<FollowUp> {
        @Override
        public int compareTo(FollowUp o) {
            int byTime = at.compareTo(o.at);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    private final Workload workload;
    private final RunWiring wiring;
    private final WriteThrough writeThrough;
    private final PriorityQueue<FollowUp> followUps = new PriorityQueue<>();
    private long followUpSeq;

    Bookers(Workload workload, RunWiring wiring, WriteThrough writeThrough) {
        this.workload = workload;
        this.wiring = wiring;
        this.writeThrough = writeThrough;
    }

    /** The earliest follow-up due by {@code until}, taken off the list; null when none is. */
    FollowUp nextDue(Instant until) {
        return !followUps.isEmpty() && !followUps.peek().at().isAfter(until) ? followUps.poll() : null;
    }

    void book(SimEvent.Booking b) {
        LocalDate today = LocalDate.ofInstant(wiring.clock().instant(), ZoneOffset.UTC);
        TimeRange week = TimeRange.utcDays(today, today.plusDays(6));
        List<Slot> offered;
        if (workload.directBookersSeeCalcom() && !b.throughSlotgate()) {
            // Cal.com's own booking page shows Cal.com's slots
            offered = wiring.emulator().availableSlots(b.eventTypeId(), wiring.judge().lengthOf(b.eventTypeId()), week);
        } else {
            try {
                offered = wiring.tenant().availability().slots(new SlotsQuery(b.eventTypeId(), week, Optional.empty()))
                        .slots();
            } catch (FillFailedException e) {
                return;
            }
        }
        if (offered.isEmpty()) {
            return;
        }
        Slot slot = offered.get((int) (b.pick() * Math.min(10, offered.size())));
        Recorder recorder = wiring.recorder();
        recorder.bookingsAttempted++;
        String body = "{\"start\":\"" + slot.start() + "\",\"eventTypeId\":" + b.eventTypeId()
                + ",\"attendee\":{\"name\":\"Simulated Booker\",\"email\":\"booker@example.com\","
                + "\"timeZone\":\"" + workload.zone().getId() + "\"}}";
        Optional<String> uid = b.throughSlotgate() ? viaSlotgate("/v2/bookings", body) : direct("/v2/bookings", body);
        if (uid.isEmpty()) {
            recorder.bookingsFailedTaken++;
            return;
        }
        Instant now = wiring.clock().instant();
        if (b.cancelled()) {
            followUps.add(new FollowUp(now.plusSeconds(b.cancelAfterSeconds()), followUpSeq++, uid.get(),
                    b.eventTypeId(), true, b.throughSlotgate(), 0));
        } else if (b.rescheduled()) {
            followUps.add(new FollowUp(now.plusSeconds(b.rescheduleAfterSeconds()), followUpSeq++,
                    uid.get(), b.eventTypeId(), false, b.throughSlotgate(), b.reschedulePick()));
        }
    }

    void followUp(FollowUp f) {
        if (f.cancel()) {
            String path = "/v2/bookings/" + f.uid() + "/cancel";
            String body = "{\"cancellationReason\":\"plans changed\"}";
            if (f.throughSlotgate()) {
                writeThrough.cancel(UpstreamRequest.forClient("POST", path, BOOKING_HEADERS, body));
            } else {
                direct(path, body);
            }
            return;
        }
        Instant now = wiring.clock().instant();
        List<Slot> free = wiring.emulator().availableSlots(f.eventTypeId(), wiring.judge().lengthOf(f.eventTypeId()),
                Judge.horizon(now, 7));
        if (free.isEmpty()) {
            return;
        }
        Slot to = free.get((int) (f.pick() * Math.min(20, free.size())));
        String path = "/v2/bookings/" + f.uid() + "/reschedule";
        String body = "{\"start\":\"" + to.start() + "\"}";
        if (f.throughSlotgate()) {
            announce(writeThrough.reschedule(f.uid(), UpstreamRequest.forClient("POST", path, BOOKING_HEADERS, body)));
        } else {
            direct(path, body);
        }
    }

    private Optional<String> viaSlotgate(String path, String body) {
        return announce(writeThrough.create(UpstreamRequest.forClient("POST", path, BOOKING_HEADERS, body)));
    }

    /** A booking made through slotgate is known to it from the moment Cal.com's answer returns. */
    private Optional<String> announce(CalcomOutcome<UpstreamResponse> outcome) {
        Optional<String> uid = outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok
                ? BookingUids.uidOf(ok.value().body()) : Optional.empty();
        uid.ifPresent(u -> wiring.announced().announced(u, wiring.clock().instant()));
        return uid;
    }

    /** Cal.com's own booking page, not slotgate: slotgate hears of it only by webhook. */
    private Optional<String> direct(String path, String body) {
        EmulatorResponse response = wiring.emulator().handle(EmulatorRequest.post(path, BOOKING_HEADERS, body)
                .withClientIp(BOOKER_IP));
        return response.status() / 100 == 2 ? BookingUids.uidOf(response.body()) : Optional.empty();
    }
}
