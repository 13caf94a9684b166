package io.slotgate.bench.pressure;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.slots.Slot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The judge's truth is the emulator's own answer, at once, for every kind of question the scenarios ask. */
class TruthTest {
    private static final Instant NOW = Instant.parse("2030-01-07T09:10:00Z");

    private final CalcomEmulator emulator = BenchTenant.emulator(Clock.fixed(NOW, ZoneOffset.UTC), 7, 50);
    private final ChangeLog log = new ChangeLog();
    private final List<EventTypeSpec> types = BenchTenant.eventTypeIds(50).stream()
            .map(id -> emulator.eventType(id).orElseThrow()).toList();
    private final Truth truth = new Truth(emulator);

    TruthTest() {
        emulator.addBookingListener(log::onBookingEvent);
    }

    @Test
    void theTruthIsTheEmulatorsOwnBodyForEveryScenariosQuestionsWithBookingsAndBlocksInPlace() {
        BookingChurn churn = new BookingChurn(emulator, log, new Random(3), types.subList(0, 10));
        for (int i = 0; i < 20; i++) {
            churn.book();
            if (i % 4 == 0) {
                churn.block();
                churn.cancel();
                churn.reschedule();
            }
        }
        assertThat(churn.counts().bookings()).isEqualTo(20);
        assertThat(churn.counts().refused()).isZero();

        QueryMix mix = new QueryMix(new Random(11), types);
        List<BenchQuery> questions = new ArrayList<>(mix.spread(NOW, 90));
        questions.addAll(mix.coldStorm(LocalDate.ofInstant(NOW, ZoneOffset.UTC), 30));
        QueryMix rush = new QueryMix(new Random(12), types.subList(0, 10));
        for (int i = 0; i < 60; i++) {
            questions.add(rush.rush(NOW));
        }

        assertThat(questions.stream().map(truth::differenceFromEmulator).flatMap(Optional::stream)).isEmpty();
    }

    @Test
    void aBlockIsInTheTruthTheMomentItIsMade() {
        BenchQuery monday = new BenchQuery(1001, "2030-01-07", "2030-01-07", "Europe/Berlin", null, null);
        Slot first = truth.read(monday).slots().getFirst();

        emulator.addBusyBlock(1, first.start(), first.end());

        assertThat(truth.read(monday).slots()).doesNotContain(first);
    }

    @Test
    void aQueryReadsBackAsItWasWritten() {
        BenchQuery q = new BenchQuery(1010, "2030-01-07T09:10:00Z", "2030-01-14T09:10:00Z", "America/Sao_Paulo", 60,
                "range");
        assertThat(BenchQuery.parse(q.queryString())).isEqualTo(q);
        BenchQuery plain = new BenchQuery(1001, "2030-01-07", "2030-01-08", null, null, null);
        assertThat(BenchQuery.parse(plain.queryString())).isEqualTo(plain);
    }
}
