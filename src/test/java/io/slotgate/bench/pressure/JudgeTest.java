package io.slotgate.bench.pressure;

import io.slotgate.bench.pressure.Judge.Cause;
import io.slotgate.bench.pressure.Judge.Missing;
import io.slotgate.bench.pressure.Judge.Verdict;
import io.slotgate.bench.pressure.Judge.WrongSlot;
import io.slotgate.emulator.Booking;
import io.slotgate.emulator.BookingEvent;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.slots.Slot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.slotgate.emulator.DemoData.ANNA;
import static io.slotgate.emulator.DemoData.OLIVER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judge's classification on hand-made histories over the demo tenant, on Monday 2030-01-07 (winter: Anna works
 * 08:00-16:00Z, Oliver 08:00-12:00Z and 13:00-17:00Z, Ben 13:30-21:30Z). Answers are given two days before (the
 * longest notice is 24 h), so the minimum notice is out of the way unless a case wants it.
 */
class JudgeTest {
    private static final Instant ANSWER = Instant.parse("2030-01-05T12:00:00Z");
    private static final long INTRO_CALL = 1001;      // Anna, 15 min, no buffers, 60 min notice
    private static final long CONSULTATION = 1002;    // Anna, 30 min, after buffer 10
    private static final long SALES_DEMO = 1006;      // round robin Anna, Ben, Oliver, 30 min, after buffer 5
    private static final long DESIGN_REVIEW = 1008;   // collective Anna and Oliver, 60 min, before buffer 10

    private final CalcomEmulator emulator = new CalcomEmulator(Clock.fixed(ANSWER, ZoneOffset.UTC),
            EmulatorSettings.defaults());
    private final Judge judge;
    private final ChangeLog log = new ChangeLog();
    private int nextBooking = 1;

    JudgeTest() {
        DemoData.install(emulator);
        judge = new Judge(emulator.eventTypes().stream().collect(Collectors.toMap(EventTypeSpec::id, Function.identity())),
                emulator.hosts().stream().collect(Collectors.toMap(Host::id, Function.identity())));
    }

    @Test
    void aSlotTakenByACalendarBlockIsBlamedOnTheBlockWithItsAge() {
        log.blocked(ANNA, at("10:00"), at("11:00"), ANSWER.minusSeconds(20));

        WrongSlot wrong = offered(INTRO_CALL, at("10:15"), 15);

        assertThat(wrong.cause()).isEqualTo(Cause.EXTERNAL_BLOCK);
        assertThat(wrong.sinceTaken()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aBookingWhoseWebhookArrivesAfterTheAnswerHadNotReachedSlotgate() {
        Booking b = book(INTRO_CALL, List.of(ANNA), at("10:00"), 15, ANSWER.minusSeconds(2));
        arrived("BOOKING_CREATED", b, ANSWER.plusMillis(300));

        assertThat(offered(INTRO_CALL, at("10:00"), 15).cause()).isEqualTo(Cause.WEBHOOK_NOT_YET);
    }

    @Test
    void aWebhookThatArrivedWithinTheSecondBeforeTheAnswerIsGiven() {
        Booking b = book(INTRO_CALL, List.of(ANNA), at("10:00"), 15, ANSWER.minusSeconds(2));
        arrived("BOOKING_CREATED", b, ANSWER.minusMillis(1000));

        WrongSlot wrong = offered(INTRO_CALL, at("10:00"), 15);

        assertThat(wrong.cause()).isEqualTo(Cause.WEBHOOK_WITHIN_GRACE);
        assertThat(wrong.sinceWebhook()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aWebhookThatArrivedMoreThanASecondBeforeTheAnswerIsSlotgatesFaultWithTheDelay() {
        Booking b = book(INTRO_CALL, List.of(ANNA), at("10:00"), 15, ANSWER.minusSeconds(5));
        arrived("BOOKING_CREATED", b, ANSWER.minusMillis(3200));

        WrongSlot wrong = offered(INTRO_CALL, at("10:00"), 15);

        assertThat(wrong.cause()).isEqualTo(Cause.WEBHOOK_PAST_GRACE);
        assertThat(wrong.sinceWebhook()).isEqualTo(Duration.ofMillis(3200));
        assertThat(wrong.sinceTaken()).isEqualTo(Duration.ofSeconds(5));
        assertThat(wrong.webhookDone()).as("the instance had not answered the webhook").isFalse();
    }

    @Test
    void aLateOfferSaysWhetherTheInstanceHadAnsweredTheWebhookBeforeIt() {
        Booking slow = book(INTRO_CALL, List.of(ANNA), at("10:00"), 15, ANSWER.minusSeconds(5));
        arrived("BOOKING_CREATED", slow, ANSWER.minusSeconds(3));
        answered("BOOKING_CREATED", slow, ANSWER.plusMillis(100));
        Booking done = book(INTRO_CALL, List.of(ANNA), at("11:00"), 15, ANSWER.minusSeconds(5));
        arrived("BOOKING_CREATED", done, ANSWER.minusSeconds(3));
        answered("BOOKING_CREATED", done, ANSWER.minusMillis(2990));

        assertThat(offered(INTRO_CALL, at("10:00"), 15).webhookDone()).isFalse();
        assertThat(offered(INTRO_CALL, at("11:00"), 15).webhookDone()).isTrue();
    }

    @Test
    void aBookingWhoseWebhookNeverArrivedLostIt() {
        book(INTRO_CALL, List.of(ANNA), at("10:00"), 15, ANSWER.minusSeconds(30));

        assertThat(offered(INTRO_CALL, at("10:00"), 15).cause()).isEqualTo(Cause.WEBHOOK_LOST);
    }

    @Test
    void aSlotInsideTheMinimumNoticeIsNoticeWhateverElseTookIt() {
        Instant soon = ANSWER.plus(Duration.ofMinutes(45));
        log.blocked(ANNA, soon, soon.plus(Duration.ofHours(1)), ANSWER.minusSeconds(60));

        assertThat(offered(INTRO_CALL, soon, 15).cause()).isEqualTo(Cause.NOTICE);
    }

    @Test
    void aWrongSlotNoChangeExplainsIsOther() {
        assertThat(offered(INTRO_CALL, at("10:00"), 15).cause()).isEqualTo(Cause.OTHER);
    }

    @Test
    void aBookingOfAnotherEventTypeBlocksThroughItsOwnAfterBuffer() {
        // consultation 09:30-10:00 plus its 10-minute after buffer keeps Anna busy until 10:10
        Booking b = book(CONSULTATION, List.of(ANNA), at("09:30"), 30, ANSWER.minusSeconds(10));
        arrived("BOOKING_CREATED", b, ANSWER.plusSeconds(1));

        assertThat(offered(INTRO_CALL, at("10:00"), 15).cause()).isEqualTo(Cause.WEBHOOK_NOT_YET);
        assertThat(offered(INTRO_CALL, at("10:15"), 15).cause()).isEqualTo(Cause.OTHER);
    }

    @Test
    void theAskedEventTypesOwnBufferWidensTheSlot() {
        // a consultation at 10:00 needs Anna free until 10:40 (30 minutes and its 10-minute after buffer)
        log.blocked(ANNA, at("10:35"), at("10:50"), ANSWER.minusSeconds(5));

        assertThat(offered(CONSULTATION, at("10:00"), 30).cause()).isEqualTo(Cause.EXTERNAL_BLOCK);
        assertThat(offered(INTRO_CALL, at("10:00"), 15).cause()).isEqualTo(Cause.OTHER);
    }

    @Test
    void roundRobinIsTakenOnlyOnceEveryHostWhoWorksThenIsBusy() {
        // at 10:00Z Anna and Oliver work, Ben (New York) does not: he needs no block
        log.blocked(ANNA, at("10:00"), at("11:00"), ANSWER.minusSeconds(40));
        assertThat(offered(SALES_DEMO, at("10:00"), 30).cause()).isEqualTo(Cause.OTHER);

        log.blocked(OLIVER, at("10:00"), at("11:00"), ANSWER.minusSeconds(15));
        WrongSlot wrong = offered(SALES_DEMO, at("10:00"), 30);
        assertThat(wrong.cause()).isEqualTo(Cause.EXTERNAL_BLOCK);
        assertThat(wrong.sinceTaken()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aWebhookThatCameBeforeTheLastRoundRobinHostWasBlockedDoesNotMakeItSlotgatesFault() {
        Booking b = book(SALES_DEMO, List.of(ANNA), at("10:00"), 30, ANSWER.minusSeconds(40));
        arrived("BOOKING_CREATED", b, ANSWER.minusSeconds(39));
        log.blocked(OLIVER, at("10:00"), at("11:00"), ANSWER.minusSeconds(10));

        assertThat(offered(SALES_DEMO, at("10:00"), 30).cause()).isEqualTo(Cause.EXTERNAL_BLOCK);
    }

    @Test
    void aBookingAnnouncedAfterTheSlotWasAlreadyTakenStillMakesAnOfferSlotgatesFault() {
        // collective: Oliver's block took the slot first; then Anna was booked there and slotgate was told
        log.blocked(OLIVER, at("10:00"), at("11:00"), ANSWER.minusSeconds(30));
        Booking b = book(INTRO_CALL, List.of(ANNA), at("10:30"), 15, ANSWER.minusSeconds(8));
        arrived("BOOKING_CREATED", b, ANSWER.minusSeconds(6));

        WrongSlot wrong = offered(DESIGN_REVIEW, at("10:00"), 60);

        assertThat(wrong.cause()).isEqualTo(Cause.WEBHOOK_PAST_GRACE);
        assertThat(wrong.sinceWebhook()).isEqualTo(Duration.ofSeconds(6));
        assertThat(wrong.sinceTaken()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void collectiveIsTakenByTheFirstHostToBeBusy() {
        log.blocked(ANNA, at("10:00"), at("11:00"), ANSWER.minusSeconds(50));
        book(INTRO_CALL, List.of(ANNA), at("10:15"), 15, ANSWER.minusSeconds(3));

        WrongSlot wrong = offered(DESIGN_REVIEW, at("10:00"), 60);

        assertThat(wrong.cause()).isEqualTo(Cause.EXTERNAL_BLOCK);
        assertThat(wrong.sinceTaken()).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void aBookingCancelledBeforeTheAnswerTakesNothingAndExplainsALeftOutSlot() {
        Booking b = book(INTRO_CALL, List.of(ANNA), at("10:00"), 15, ANSWER.minusSeconds(60));
        cancel(b, ANSWER.minusSeconds(20));
        Slot slot = Slot.of(at("10:00"), Duration.ofMinutes(15));
        Slot elsewhere = Slot.of(at("14:00"), Duration.ofMinutes(15));

        Verdict verdict = judge.judge(new Answer(query(INTRO_CALL), 0, ANSWER, 200, null, "HIT", Duration.ZERO, 1,
                List.of(slot), List.of(slot, elsewhere), false, null), log.snapshot());

        assertThat(verdict.falseAvailable()).extracting(WrongSlot::cause).containsExactly(Cause.OTHER);
        assertThat(verdict.falseUnavailable()).containsEntry(Missing.FREED_BY_CANCEL, 1).containsEntry(Missing.OTHER, 1);
    }

    @Test
    void aRescheduledBookingIsKnownByItsRescheduleWebhookAndFreesItsOldTime() {
        Booking old = book(INTRO_CALL, List.of(ANNA), at("09:00"), 15, ANSWER.minusSeconds(60));
        Instant movedAt = ANSWER.minusSeconds(10);
        Booking moved = booking(INTRO_CALL, List.of(ANNA), at("11:00"), 15, movedAt);
        log.onBookingEvent(new BookingEvent.Rescheduled(cancelled(old, movedAt), moved));
        arrived("BOOKING_RESCHEDULED", moved, ANSWER.minusSeconds(4));

        assertThat(offered(INTRO_CALL, at("11:00"), 15).cause()).isEqualTo(Cause.WEBHOOK_PAST_GRACE);
        assertThat(offered(INTRO_CALL, at("09:00"), 15).cause()).isEqualTo(Cause.OTHER);
    }

    @Test
    void hostsWorkOnlyInsideTheirHoursReadInTheirZone() {
        Host oliver = emulator.host(OLIVER).orElseThrow();
        assertThat(Judge.works(oliver, at("11:30"), at("12:00"))).isTrue();
        assertThat(Judge.works(oliver, at("11:45"), at("12:15"))).as("across his lunch break").isFalse();
        assertThat(Judge.works(oliver, Instant.parse("2030-07-08T07:00:00Z"), Instant.parse("2030-07-08T07:30:00Z")))
                .as("08:00 in London in summer").isTrue();
        assertThat(Judge.works(oliver, Instant.parse("2030-01-12T10:00:00Z"), Instant.parse("2030-01-12T10:30:00Z")))
                .as("a Saturday").isFalse();
    }

    // ---------------------------------------------------------------- helpers

    private static Instant at(String time) {
        return Instant.parse("2030-01-07T" + time + ":00Z");
    }

    private static BenchQuery query(long eventType) {
        return new BenchQuery(eventType, "2030-01-07", "2030-01-07", null, null, null);
    }

    private WrongSlot offered(long eventType, Instant start, int minutes) {
        Slot slot = Slot.of(start, Duration.ofMinutes(minutes));
        Verdict verdict = judge.judge(new Answer(query(eventType), 0, ANSWER, 200, null, "HIT", Duration.ZERO, 1,
                List.of(slot), List.of(), false, null), log.snapshot());
        assertThat(verdict.falseAvailable()).hasSize(1);
        return verdict.falseAvailable().getFirst();
    }

    private Booking booking(long eventType, List<Long> hosts, Instant start, int minutes, Instant madeAt) {
        int id = nextBooking++;
        return new Booking("uid-" + id, id, eventType, hosts, start, start.plus(Duration.ofMinutes(minutes)),
                Booking.Status.ACCEPTED, "Guest", "guest@example.com", "UTC", null, null, null, madeAt, madeAt);
    }

    private Booking book(long eventType, List<Long> hosts, Instant start, int minutes, Instant madeAt) {
        Booking b = booking(eventType, hosts, start, minutes, madeAt);
        log.onBookingEvent(new BookingEvent.Created(b));
        return b;
    }

    private static Booking cancelled(Booking b, Instant at) {
        return new Booking(b.uid(), b.id(), b.eventTypeId(), b.hostIds(), b.start(), b.end(), Booking.Status.CANCELLED,
                b.attendeeName(), b.attendeeEmail(), b.attendeeTimeZone(), null, null, "test", b.createdAt(), at);
    }

    private void cancel(Booking b, Instant at) {
        log.onBookingEvent(new BookingEvent.Cancelled(cancelled(b, at)));
    }

    private void arrived(String trigger, Booking b, Instant at) {
        log.webhookArrived(new ChangeLog.WebhookKey(trigger, b.uid()), at);
    }

    private void answered(String trigger, Booking b, Instant at) {
        log.webhookAnswered(new ChangeLog.WebhookKey(trigger, b.uid()), at);
    }
}
