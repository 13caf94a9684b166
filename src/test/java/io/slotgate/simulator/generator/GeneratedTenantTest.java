package io.slotgate.simulator.generator;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tenants beyond the demo's ten event types, built in its pattern. */
class GeneratedTenantTest {
    private static CalcomEmulator emulator() {
        return new CalcomEmulator(new MutableClock(Instant.parse("2030-01-07T06:00:00Z")), EmulatorSettings.defaults());
    }

    private static CalcomEmulator generated(int eventTypes, int hosts) {
        CalcomEmulator e = emulator();
        GeneratedTenant.install(e, eventTypes, hosts);
        return e;
    }

    @Test
    void tenEventTypesOnFourHostsAreTheDemoTenant() {
        CalcomEmulator demo = emulator();
        DemoData.install(demo);
        CalcomEmulator generated = generated(10, 4);
        assertThat(generated.eventTypes()).containsExactlyElementsOf(demo.eventTypes());
        assertThat(generated.hosts()).containsExactlyElementsOf(demo.hosts());
    }

    @Test
    void eachBlockOfTenRepeatsTheDemoPatternOnHostsOfItsOwn() {
        CalcomEmulator e = generated(25, 12);

        assertThat(e.eventTypes()).hasSize(25).extracting(EventTypeSpec::id)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1001, 1025).boxed().toList());
        assertThat(e.hosts()).hasSize(12);
        EventTypeSpec intro2 = e.eventType(1011).orElseThrow();
        EventTypeSpec intro = e.eventType(1001).orElseThrow();
        assertThat(intro2.slug()).isEqualTo("intro-call-2");
        assertThat(intro2.lengthMinutes()).isEqualTo(intro.lengthMinutes());
        assertThat(intro2.minimumBookingNoticeMinutes()).isEqualTo(intro.minimumBookingNoticeMinutes());
        assertThat(intro2.hostIds()).containsExactly(5L); // the second block's Anna
        assertThat(e.eventType(1016).orElseThrow().hostIds()).containsExactly(5L, 6L, 8L); // sales-demo: Anna, Ben, Oliver
        assertThat(e.host(5).orElseThrow().timeZone()).isEqualTo(e.host(DemoData.ANNA).orElseThrow().timeZone());
        assertThat(e.host(5).orElseThrow().username()).isEqualTo("anna-2");
        Map<SchedulingType, Long> kinds = e.eventTypes().stream()
                .collect(Collectors.groupingBy(EventTypeSpec::schedulingType, Collectors.counting()));
        assertThat(kinds).containsEntry(SchedulingType.INDIVIDUAL, 5L + 5 + 5)
                .containsEntry(SchedulingType.ROUND_ROBIN, 3L + 3).containsEntry(SchedulingType.COLLECTIVE, 2L + 2);
    }

    @Test
    void withFewerHostsTheBlocksShareThem() {
        CalcomEmulator e = generated(20, 4);
        assertThat(e.hosts()).hasSize(4);
        assertThat(e.eventType(1011).orElseThrow().hostIds()).containsExactly(DemoData.ANNA);
        assertThat(e.eventType(1016).orElseThrow().hostIds()).containsExactly(DemoData.ANNA, DemoData.BEN,
                DemoData.OLIVER);
        CalcomEmulator two = generated(10, 2);
        assertThat(two.eventType(1010).orElseThrow().hostIds()).as("discovery's four hosts, two of them distinct")
                .containsExactly(1L, 2L);
    }

    @Test
    void theWorkloadChoosesDemoDataWhileItFits() {
        CalcomEmulator seed = emulator();
        GeneratedTenant.install(seed, Workload.seed());
        assertThat(seed.eventTypes()).hasSize(10);
        CalcomEmulator big = emulator();
        GeneratedTenant.install(big, Workload.coldStorm());
        assertThat(big.eventTypes()).hasSize(50);
        assertThat(big.hosts()).hasSize(20);
        assertThat(GeneratedTenant.allowedLengths(Workload.seed()).get(1002L)).containsExactly(30, 45, 60);
        assertThat(GeneratedTenant.allowedLengths(Workload.coldStorm()).get(1042L)).containsExactly(30, 45, 60);
        assertThatThrownBy(() -> GeneratedTenant.install(emulator(), 0, 4)).hasMessageContaining("at least one");
    }

    @Test
    void everyGeneratedEventTypeIsBookableSomewhereInItsFirstWeek() {
        CalcomEmulator e = generated(30, 12);
        for (EventTypeSpec type : e.eventTypes()) {
            assertThat(e.availableSlots(type.id(), type.lengthMinutes(), io.slotgate.slots.TimeRange.utcDays(
                    java.time.LocalDate.of(2030, 1, 7), java.time.LocalDate.of(2030, 1, 13))))
                    .as(type.slug()).isNotEmpty();
        }
        assertThat(List.copyOf(e.eventTypes()).getLast().id()).isEqualTo(1030);
    }
}
