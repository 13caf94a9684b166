package io.slotgate.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.Sleeper;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hit path in front of Javalin ({@link ReadyHits}) over real sockets: two slotgates, alike but for the hit path
 * being on in one and off in the other, each in front of its own emulator with the same data on the same frozen
 * clock, are sent the same requests; every answer is the same, byte for byte (status line, headers in their order,
 * body; all but {@code Date}), the one with the hit path on answered the hits itself, and both count and log the same.
 */
class ReadyHitsEndToEndTest {
    private static final Instant NOW = Instant.parse("2030-01-06T08:00:00Z");
    private static final String WEEK = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13&timeZone=Europe/Berlin";
    /** One day in UTC: a body under the gzip threshold. */
    private static final String DAY = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-07";
    private static final String VERSION = "cal-api-version: 2024-09-04";
    private static final Pattern ETAG = Pattern.compile("(?m)^ETag: ([^\r\n]+)");
    private final Logger requestLog = (Logger) LoggerFactory.getLogger(RequestLog.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level logLevel;
    private Stack fast;
    private Stack plain;
    /** Set: every slots call of both slotgates fails as if Cal.com were unreachable. */
    private final AtomicBoolean slotsDown = new AtomicBoolean();
    private final AtomicInteger fastFailedCalls = new AtomicInteger();
    private final AtomicInteger plainFailedCalls = new AtomicInteger();

    @BeforeEach
    void start() {
        fast = stack(true, fastFailedCalls);
        plain = stack(false, plainFailedCalls);
        logLevel = requestLog.getLevel();
        requestLog.setLevel(Level.DEBUG);
        logged.start();
        requestLog.addAppender(logged);
    }

    private Stack stack(boolean fastHits, AtomicInteger failedCalls) {
        Stack stack = Stack.start(NOW, EmulatorSettings.defaults().withLatency(LatencyModel.zero())
                        .withRateLimit(1_000_000).withoutSlotsCache(), PolicyHolder.fixed(Stack.TEST_POLICY),
                config -> config.with(b -> b.fastHits = fastHits), clock -> Sleeper.system(),
                transport -> request -> {
                    if (slotsDown.get() && request.pathAndQuery().startsWith("/v2/slots")) {
                        failedCalls.incrementAndGet();
                        throw new IOException("Cal.com unreachable (test)");
                    }
                    return transport.send(request);
                }, "acme");
        DemoData.install(stack.emulator);
        return stack;
    }

    @AfterEach
    void stop() {
        requestLog.detachAppender(logged);
        requestLog.setLevel(logLevel);
        fast.close();
        plain.close();
    }

    @Test
    void hitsAreAnsweredInFrontOfJavalinWithTheVeryBytesJavalinSends() {
        for (String path : List.of(WEEK, DAY, "/tenants/acme" + WEEK)) {
            String identityTag = sameFromBoth(path).etag;
            String gzipTag = sameFromBoth(path, "Accept-Encoding: gzip, deflate").etag;
            assertThat(sameFromBoth(path).text).as("a hit").contains("X-Cache: HIT");
            sameFromBoth(path, "Accept-Encoding: gzip, deflate");
            sameFromBoth(path, "Accept-Encoding: x-gzip;q=0.5");
            assertThat(sameFromBoth(path, "If-None-Match: " + identityTag).text).startsWith("HTTP/1.1 304 ");
            assertThat(sameFromBoth(path, "If-None-Match: W/" + gzipTag, "Accept-Encoding: gzip").text)
                    .startsWith("HTTP/1.1 304 ");
            sameFromBoth(path, "If-None-Match: \"other\"");
        }
        assertThat(plain.slotgate.readyHitsAnswered()).isZero();
        // three paths: per path one hit each of identity, gzip twice, x-gzip, two 304s and a non-matching tag
        assertThat(fast.slotgate.readyHitsAnswered()).isEqualTo(3 * 7);
    }

    @Test
    void everythingButAReadyHitGoesOnToJavalinUnchanged() {
        for (String path : List.of(WEEK, "/tenants/nobody" + WEEK, WEEK + "&timeZone=Europe%2FBerlin",
                "/v2/slots/?eventTypeId=1001&start=2030-01-07&end=2030-01-13", "/v2/slots?eventTypeId=x")) {
            sameFromBoth(path);
            sameFromBoth(path);
        }
        sameFromBoth(WEEK, "Accept-Encoding: gzip;q=0");
        sameFromBoth(WEEK, "Accept-Encoding: br");
        assertThat(sameWithoutVersionFromBoth(WEEK)).doesNotContain("X-Cache: HIT");
        assertThat(fast.slotgate.readyHitsAnswered()).as("only the second request of the first path").isEqualTo(1);
    }

    @Test
    void theMetricsAndTheRequestLogCountTheHitsAnsweredInFrontOfJavalin() throws InterruptedException {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String path : List.of(WEEK, "/tenants/acme" + WEEK)) {
                String fromFast = loggedAfter(fast, path);
                assertThat(loggedAfter(plain, path)).as("the line of %s", path).isEqualTo(fromFast);
                pairs.add(fromFast);
            }
        }
        assertThat(fast.slotgate.readyHitsAnswered()).isEqualTo(4);
        assertThat(pairs.get(2)).isEqualTo("request method=GET path=/v2/slots tenant=default eventType=1001 "
                + "outcome=hit status=200");
        assertThat(pairs.get(3)).isEqualTo("request method=GET path=/tenants/{tenant}/v2/slots tenant=acme "
                + "eventType=1001 outcome=hit status=200");
        assertThat(requests(fast)).isEqualTo(requests(plain)).contains(
                "slotgate_requests_total{endpoint=\"slots\",outcome=\"hit\",tenant=\"default\"} 2.0",
                "slotgate_requests_total{endpoint=\"slots\",outcome=\"hit\",tenant=\"acme\"} 2.0");
    }

    @Test
    void aKeptHitWhoseDaysWereDroppedAndCouldNotBeFetchedIsAnsweredAfterOneLookupNotTwo() {
        sameFromBoth(WEEK);
        assertThat(sameFromBoth(WEEK).text).contains("X-Cache: HIT");
        slotsDown.set(true);
        for (Stack stack : List.of(fast, plain)) {
            TenantId tenant = stack.slotgate.tenants().defaultTenant().id();
            List<CacheKey.Generation> week = new ArrayList<>();
            for (LocalDate day = LocalDate.of(2030, 1, 6); !day.isAfter(LocalDate.of(2030, 1, 14)); day = day.plusDays(1)) {
                week.add(new CacheKey.Generation(tenant, 1001, day));
            }
            stack.slotgate.tenants().defaultTenant().cache().evict(week, List.of());
        }
        long readyBefore = fast.slotgate.readyHitsAnswered();

        String fromFast = exchange(fast, WEEK, List.of(VERSION));
        String fromPlain = exchange(plain, WEEK, List.of(VERSION));
        assertThat(fromFast.lines().findFirst()).isEqualTo(fromPlain.lines().findFirst())
                .hasValueSatisfying(status -> assertThat(status).startsWith("HTTP/1.1 5"));
        assertThat(plainFailedCalls.get()).as("the route's own fill, with its retries").isPositive();
        assertThat(fastFailedCalls.get()).as("the hit path's fill, and no second one from the route")
                .isEqualTo(plainFailedCalls.get());
        assertThat(fast.slotgate.readyHitsAnswered()).as("answered by the route").isEqualTo(readyBefore);
    }

    /**
     * The request-log line of one request, but its time: Javalin logs a request once it is answered, so the line may
     * come just after the answer.
     */
    private String loggedAfter(Stack stack, String path) throws InterruptedException {
        int before = logged.list.size();
        exchange(stack, path, List.of(VERSION));
        long until = System.nanoTime() + 5_000_000_000L;
        while (logged.list.size() == before && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(logged.list).hasSize(before + 1);
        return logged.list.get(before).getFormattedMessage().replaceAll(" ms=\\d+$", "");
    }

    /** The counters of answered requests from {@code /metrics}, without durations. */
    private static List<String> requests(Stack stack) {
        return stack.slotgate("/metrics").body().lines()
                .filter(line -> line.startsWith("slotgate_requests_total") || line.startsWith("slotgate_event_type_"))
                .toList();
    }

    private record Answer(String text, String etag) {
    }

    private Answer sameFromBoth(String path, String... headers) {
        List<String> all = new ArrayList<>(List.of(VERSION));
        all.addAll(List.of(headers));
        String fromFast = exchange(fast, path, all);
        String fromPlain = exchange(plain, path, all);
        assertThat(fromFast).as("%s with %s", path, all).isEqualTo(fromPlain);
        Matcher etag = ETAG.matcher(fromFast);
        return new Answer(fromFast, etag.find() ? etag.group(1) : null);
    }

    private String sameWithoutVersionFromBoth(String path) {
        String fromFast = exchange(fast, path, List.of());
        assertThat(fromFast).isEqualTo(exchange(plain, path, List.of()));
        return fromFast;
    }

    /**
     * One request on a socket of its own, and the whole answer as it came, read as ISO-8859-1 (bytes one to one),
     * with the {@code Date} line taken out.
     */
    private static String exchange(Stack stack, String path, List<String> headers) {
        try (Socket socket = new Socket("127.0.0.1", stack.slotgate.port())) {
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach(h -> request.append(h).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1).replaceFirst("(?m)^Date: [^\r]*\r\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
