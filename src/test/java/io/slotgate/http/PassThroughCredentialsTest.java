package io.slotgate.http;

import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** slotgate's API key is for its own calls only: what it forwards for a client carries the client's credentials. */
class PassThroughCredentialsTest {
    private final List<UpstreamRequest> sent = new CopyOnWriteArrayList<>();
    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                transport -> request -> {
                    sent.add(request);
                    return transport.send(request);
                });
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private String authorizationOf(String path) {
        return sent.stream().filter(r -> r.path().equals(path)).reduce((a, b) -> b).orElseThrow()
                .headers().get("authorization");
    }

    @Test
    void aClientWithoutCredentialsIsForwardedWithoutSlotgatesKey() {
        stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/event-types/1001"))
                .header("cal-api-version", "2024-06-14").GET().build());
        assertThat(authorizationOf("/v2/event-types/1001")).isNull();
        String booking = "{\"start\":\"2030-01-08T10:00:00Z\",\"eventTypeId\":1001,"
                + "\"attendee\":{\"name\":\"Jo\",\"email\":\"jo@example.com\",\"timeZone\":\"Europe/Berlin\"}}";
        stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/bookings"))
                .header("cal-api-version", "2024-08-13").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(booking)).build());
        assertThat(authorizationOf("/v2/bookings")).isNull();
    }

    @Test
    void aClientsOwnKeyIsForwardedAndSlotgatesOwnCallsUseSlotgatesKey() {
        stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/v2/event-types/1001"))
                .header("cal-api-version", "2024-06-14").header("Authorization", "Bearer cal_live_client").GET().build());
        assertThat(authorizationOf("/v2/event-types/1001")).isEqualTo("Bearer cal_live_client");
        stack.slotgate("/v2/slots?eventTypeId=1002&start=2030-01-07&end=2030-01-08");
        assertThat(authorizationOf("/v2/slots")).isEqualTo("Bearer " + EmulatorSettings.DEMO_API_KEY);
    }
}
