package io.slotgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.RecordedRequest;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WorkingHours;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: a burst of 10,000 cold queries across 50 event types never makes Cal.com answer 429, and every query is
 * answered: 200 with slots, or a clear 503 with Retry-After; never an empty "no slots", never a 500 or 502.
 *
 * <p>Over real sockets, against the emulator with Cal.com's default limit (120 per 60 s, then blocked 60 s). The
 * clock is shared and moved by the test, 250 ms of virtual time every 10 ms, so the burst spans minutes of Cal.com's
 * time: the bucket refills, Cal.com's windows roll over, users wait for tokens (in virtual time, through the
 * sleeper). Every host works every day, so a day without slots can only be an error passed off as "no slots".
 */
class ColdBurstEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2030-01-07T06:00:00Z");
    private static final int QUERIES = 10_000;
    private static final int EVENT_TYPES = 50;
    private static final long FIRST_EVENT_TYPE = 5_000;

    record Answer(int status, String retryAfter, String body) {
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBurstOfTenThousandColdQueriesNeverMakesCalcomAnswer429AndEveryQueryIsAnswered() throws Exception {
        EmulatorSettings calcom = EmulatorSettings.defaults().withLatency(LatencyModel.zero());
        try (Stack stack = Stack.start(START, calcom, config -> config, Stack::virtualSleeper)) {
            installFiftyEventTypes(stack);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread time = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    stack.clock.advance(Duration.ofMillis(250));
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            SplittableRandom random = new SplittableRandom(4);
            LocalDate today = LocalDate.ofInstant(START, ZoneOffset.UTC);
            Semaphore inFlight = new Semaphore(64);
            try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < QUERIES; i++) {
                    long eventType = FIRST_EVENT_TYPE + random.nextInt(EVENT_TYPES);
                    LocalDate first = today.plusDays(random.nextInt(30));
                    LocalDate last = first.plusDays(random.nextInt(14));
                    if (last.isAfter(today.plusDays(29))) {
                        last = today.plusDays(29);
                    }
                    String query = "/v2/slots?eventTypeId=" + eventType + "&start=" + first + "&end=" + last;
                    inFlight.acquire();
                    users.execute(() -> {
                        try {
                            HttpResponse<String> response = stack.slotgate(query);
                            answers.add(new Answer(response.statusCode(),
                                    response.headers().firstValue("Retry-After").orElse(null), response.body()));
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            } finally {
                running.set(false);
                time.join();
            }
            Duration elapsed = Duration.between(START, stack.clock.instant());

            List<RecordedRequest> upstream = stack.emulator.requests();
            System.out.printf("cold burst: %d queries, %d answered 200, %d upstream calls in %s virtual, "
                            + "at most %d in any 60 s%n", QUERIES, answers.stream().filter(a -> a.status() == 200).count(),
                    upstream.size(), elapsed, mostInAnyWindow(upstream, Duration.ofSeconds(60)));
            assertThat(upstream).as("Cal.com's answers").extracting(RecordedRequest::status).doesNotContain(429);
            assertThat(answers).hasSize(QUERIES);
            List<Answer> ok = new ArrayList<>();
            for (Answer answer : answers) {
                assertThat(answer.status()).as("slotgate's status").isIn(200, 503);
                if (answer.status() == 200) {
                    ok.add(answer);
                } else {
                    assertThat(answer.retryAfter()).as("Retry-After of a 503").isNotNull();
                    // at most until the oldest call of the budget's window stops counting
                    assertThat(Long.parseLong(answer.retryAfter())).isBetween(1L, RateBudget.WINDOW.toSeconds());
                    assertThat(JSON.readTree(answer.body()).path("error").path("message").asText())
                            .contains("rate");
                }
            }
            for (Answer answer : ok) {
                JsonNode data = JSON.readTree(answer.body()).path("data");
                assertThat(data.size()).as("days with slots in a 200 (every host works every day): %s", answer.body())
                        .isPositive();
            }
            // How many of the 10,000 find a token depends on how fast this machine sends them against the virtual
            // clock, so no fixed share is asserted; but every successful fill answers at least the query that made
            // it, so a burst that answers fewer queries than it made slot calls turned fills into errors
            long slotCalls = upstream.stream().filter(r -> r.path().equals("/v2/slots")).count();
            assertThat(slotCalls).as("slot calls to Cal.com").isPositive();
            assertThat((long) ok.size()).as("queries answered with slots").isGreaterThanOrEqualTo(slotCalls);

            // Never more calls than the budget allows over the virtual time the burst took: its capacity per window
            // of 62 s, for every window the burst began.
            RateBudget.Settings budget = RateBudget.Settings.defaults();
            long windows = elapsed.toMillis() / RateBudget.WINDOW.toMillis() + 1;
            long allowed = budget.perWindow() * windows;
            assertThat((long) upstream.size()).as("upstream calls in %s of virtual time", elapsed)
                    .isLessThanOrEqualTo(allowed);
            // Cal.com's windows: each starts at the first call after the last one ended, and holds 60 s (NOTES.md
            // §6). The budget keeps to 116 per 62 s by its own clock; Cal.com counts on arrival, a little later and
            // not always by the same delay (here much more: the test's clock runs 25 times faster than the wall
            // clock that the requests travel by), which is what the margin and the 2 s of skew are for.
            assertThat(mostInAnyCalcomWindow(upstream, Duration.ofSeconds(60))).as("most calls in a window of Cal.com's")
                    .isLessThanOrEqualTo(calcom.rateLimitPerWindow());
            RateBudget.Snapshot snapshot = stack.client().interceptor(RateBudgetInterceptor.class).orElseThrow()
                    .budget().snapshot();
            assertThat(snapshot.callsMade()).isEqualTo(upstream.size());
            assertThat(snapshot.blockedUntil()).isEmpty();
        }
    }

    private static void installFiftyEventTypes(Stack stack) {
        var everyDay = EnumSet.allOf(DayOfWeek.class);
        for (int h = 0; h < 10; h++) {
            stack.emulator.addHost(new Host(100 + h, "host" + h, "Host " + h, "host" + h + "@example.com",
                    ZoneOffset.UTC, List.of(new WorkingHours(everyDay, LocalTime.of(9, 0), LocalTime.of(17, 0)))));
        }
        for (int e = 0; e < EVENT_TYPES; e++) {
            stack.emulator.addEventType(new EventTypeSpec(FIRST_EVENT_TYPE + e, "type-" + e, 30, List.of(), null,
                    0, 0, 0, SchedulingType.INDIVIDUAL, List.of(100L + e % 10)));
        }
    }

    /** The most recorded calls in one of Cal.com's fixed windows, each starting at the first call after the last. */
    private static int mostInAnyCalcomWindow(List<RecordedRequest> requests, Duration window) {
        List<Instant> at = requests.stream().map(RecordedRequest::at).sorted().toList();
        int most = 0;
        int i = 0;
        while (i < at.size()) {
            Instant end = at.get(i).plus(window);
            int j = i;
            while (j < at.size() && at.get(j).isBefore(end)) {
                j++;
            }
            most = Math.max(most, j - i);
            i = j;
        }
        return most;
    }

    /** The most recorded calls within any {@code window} (half-open, as Cal.com's window). */
    private static int mostInAnyWindow(List<RecordedRequest> requests, Duration window) {
        List<Instant> at = requests.stream().map(RecordedRequest::at).sorted().toList();
        int most = 0;
        int start = 0;
        for (int end = 0; end < at.size(); end++) {
            while (!at.get(start).plus(window).isAfter(at.get(end))) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
