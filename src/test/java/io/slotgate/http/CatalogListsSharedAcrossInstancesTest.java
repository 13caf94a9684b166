package io.slotgate.http;

import io.slotgate.app.Slotgate;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one key read the event-type catalog's lists once between them: the second instance's load is
 * answered by the lists the first one read, through Redis, and costs Cal.com no call; once Redis no longer holds
 * them it asks again.
 */
class CatalogListsSharedAcrossInstancesTest {
    @RegisterExtension
    static final RedisServerProcess redis = new RedisServerProcess();

    private static final String DAYS = "&start=2030-01-07&end=2030-01-08";
    private Stack stack;

    @BeforeEach
    void start() {
        redis.start();
        redis.call("FLUSHALL");
        stack = Stack.startWithRedis(Instant.parse("2030-01-06T12:00:00Z"), EmulatorSettings.defaults()
                .withLatency(LatencyModel.zero()).withRateLimit(1_000_000), redis.url() + "?timeout=5s");
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private long listCalls() {
        return stack.emulator.requestCount("/v2/event-types") + stack.emulator.requestCount("/v2/teams")
                - stack.emulator.requestCount("/v2/event-types/");
    }

    @Test
    void theSecondInstancesCatalogIsAnsweredByTheListsTheFirstReadAndCostsNoCall() {
        assertThat(stack.slotgate("/v2/slots?eventTypeId=1001" + DAYS).statusCode()).isEqualTo(200);
        long first = listCalls();
        assertThat(first).as("the first instance's catalog").isPositive();

        Slotgate b = stack.startAnotherInstance();
        assertThat(stack.slotgate(b, "/v2/slots?eventTypeId=1002" + DAYS).statusCode()).isEqualTo(200);
        assertThat(b.tenants().defaultTenant().availability().catalog().snapshot().listed())
                .as("B's catalog is loaded").isEqualTo(10);
        assertThat(listCalls()).as("no list call for B's load").isEqualTo(first);
        assertThat(stack.emulator.requestCount("/v2/event-types/")).as("nor a lookup by id").isZero();

        // the shared answers live SHARED_FOR by Redis's own clock: once they are gone, B's refresh asks Cal.com itself
        java.util.List<String> shared = redis.reply("KEYS", "sg:calls:*");
        assertThat(shared).as("the lists shared, under the key's fingerprint").isNotEmpty()
                .allSatisfy(key -> assertThat(key).doesNotContain(io.slotgate.emulator.EmulatorSettings.DEMO_API_KEY));
        assertThat(Long.parseLong(redis.call("PTTL", shared.get(0)).substring(1)))
                .isBetween(1L, io.slotgate.calcom.SharedListsInterceptor.SHARED_FOR.toMillis());
        redis.call("FLUSHALL");
        b.tenants().defaultTenant().availability().catalog().refresh();
        assertThat(listCalls()).isGreaterThan(first);
    }
}
