package io.slotgate.calcom;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Cal.com answers the instances of one key share, and how one instance waits for another's call. */
class SharedListsInterceptorTest {
    private static final UpstreamResponse LIST = new UpstreamResponse(200, Map.of(), "{\"status\":\"success\",\"data\":[]}");

    /** A store as Redis would be, in memory; {@code claimedElsewhere}: requests another instance is calling now. */
    private static final class MemoryStore implements SharedListsInterceptor.Store {
        final Map<String, UpstreamResponse> answers = new HashMap<>();
        final Map<String, Duration> ttls = new HashMap<>();
        final Set<String> claimedElsewhere = new HashSet<>();

        @Override
        public Optional<UpstreamResponse> get(String request) {
            return Optional.ofNullable(answers.get(request));
        }

        @Override
        public void put(String request, UpstreamResponse response, Duration ttl) {
            answers.put(request, response);
            ttls.put(request, ttl);
        }

        @Override
        public boolean claim(String request, Duration ttl) {
            return !claimedElsewhere.contains(request);
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger slept = new AtomicInteger();

    private UpstreamResponse send(SharedListsInterceptor interceptor, String method, String path, int status)
            throws Exception {
        return interceptor.intercept(new UpstreamRequest(method, path, Map.of("cal-api-version", "2024-06-14"), ""),
                request -> {
                    calls.incrementAndGet();
                    return new UpstreamResponse(status, Map.of(), "{\"status\":\"success\",\"data\":[]}");
                });
    }

    private SharedListsInterceptor interceptor(Runnable onSleep) {
        return new SharedListsInterceptor(store, duration -> {
            slept.incrementAndGet();
            onSleep.run();
        });
    }

    @Test
    void aListReadByOneInstanceAnswersTheNextWithoutACallForTheSharingTime() throws Exception {
        SharedListsInterceptor lists = interceptor(() -> { });
        for (String path : List.of("/v2/event-types", "/v2/teams", "/v2/teams/7/event-types",
                "/v2/event-types?username=anna", "/v2/organizations/3/teams/event-types?skip=0&take=250")) {
            send(lists, "GET", path, 200);
            assertThat(send(lists, "GET", path, 200).body()).isEqualTo(LIST.body());
        }
        assertThat(calls).as("one call per list").hasValue(5);
        assertThat(store.ttls.values()).containsOnly(SharedListsInterceptor.SHARED_FOR);
    }

    @Test
    void slotsLookupsByIdWritesAndFailedAnswersAreNeverShared() throws Exception {
        SharedListsInterceptor lists = interceptor(() -> { });
        send(lists, "GET", "/v2/slots?eventTypeId=1&start=2030-01-07&end=2030-01-08", 200);
        send(lists, "GET", "/v2/event-types/1001", 200);
        send(lists, "POST", "/v2/event-types", 200);
        send(lists, "GET", "/v2/teams", 500);
        assertThat(store.answers).isEmpty();
        send(lists, "GET", "/v2/teams", 200);
        assertThat(calls).hasValue(5);
    }

    @Test
    void whileAnotherInstanceMakesTheCallThisOneWaitsForItsAnswerInsteadOfCalling() throws Exception {
        String key = "2024-06-14 /v2/event-types";
        store.claimedElsewhere.add(key);
        // the other instance's answer lands while this one waits
        SharedListsInterceptor lists = interceptor(() -> store.answers.put(key, LIST));

        assertThat(send(lists, "GET", "/v2/event-types", 200).body()).isEqualTo(LIST.body());
        assertThat(calls).as("no call of its own").hasValue(0);
        assertThat(slept).hasValue(1);
    }

    @Test
    void whenTheOtherInstancesCallBringsNoAnswerThisOneAsksItselfAfterTheWait() throws Exception {
        store.claimedElsewhere.add("2024-06-14 /v2/teams");
        SharedListsInterceptor lists = interceptor(() -> { });

        send(lists, "GET", "/v2/teams", 200);
        assertThat(calls).hasValue(1);
        assertThat((long) slept.get()).isEqualTo(SharedListsInterceptor.AWAIT_OTHERS.toMillis() / 50);
    }
}
