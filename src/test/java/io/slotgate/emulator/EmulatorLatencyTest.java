package io.slotgate.emulator;

import io.slotgate.slots.TimeRange;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;

import static io.slotgate.emulator.EmulatorFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class EmulatorLatencyTest {
    @Test
    void uniformLatencyStaysWithinItsBounds() {
        var model = LatencyModel.uniform(Duration.ofMillis(300), Duration.ofMillis(800));
        var random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(model.sample(random)).isBetween(Duration.ofMillis(300), Duration.ofMillis(800));
        }
        assertThat(LatencyModel.zero().sample(random)).isZero();
    }

    @Test
    void handleReturnsTheSampledLatencyWithoutSleepingAndTheServerSleepsIt() throws Exception {
        var fixed = LatencyModel.uniform(Duration.ofMillis(500), Duration.ofMillis(500));
        var emulator = tenant(clock(), settings().withLatency(fixed));
        // untimed first call: loading the JSON machinery is not what this test measures
        emulator.handle(EmulatorRequest.get("/v2/bookings/warm-up", Map.of(), Map.of()));
        long before = System.nanoTime();
        var response = emulator.handle(EmulatorRequest.get("/v2/bookings/x", Map.of(), Map.of()));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(500));
        assertThat(response.latency()).isEqualTo(Duration.ofMillis(500));

        try (var server = EmulatorServer.start(emulator, 0)) {
            long start = System.nanoTime();
            var http = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/bookings/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(http.statusCode()).isEqualTo(404);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void aYearOfDemoSlotsIsComputedQuickly() {
        var emulator = new CalcomEmulator(clock(), settings());
        DemoData.install(emulator);
        long start = System.nanoTime();
        var slots = emulator.availableSlots(1010, 15,
                TimeRange.utcDays(LocalDate.of(2026, 6, 1), LocalDate.of(2027, 5, 31)));
        assertThat(slots).hasSizeGreaterThan(5000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
