package io.slotgate.http;

import io.slotgate.availability.AvailabilityService;
import io.slotgate.cache.CacheKey;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.support.Stack;
import io.slotgate.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendered answers over real sockets: a strong {@code ETag} per answer and a {@code 304} for a client that has it, a
 * new tag when the answer changes (a booking, the notice passing a slot), gzip bytes that are the same answer, and a
 * kept rendering never served past the instant its answer changes: the clock crossing a minimum-notice boundary, an
 * invalidation, a patch. Every answer is compared with the emulator's, asked at the same instant.
 */
class RenderedAnswersEndToEndTest {
    private static final String SLOTS = "2024-09-04";
    private static final String BOOKINGS = "2024-08-13";
    /** 1001: Anna, Berlin 09-17 (08-16Z in January), 15-minute slots, 60 minutes' notice. */
    private static final String TODAY = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-07";
    private static final String WEEK = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-13&timeZone=Europe/Berlin";
    private static final Instant TEN = Instant.parse("2030-01-08T10:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private Stack stack;

    @BeforeEach
    void start() {
        // the emulator's own 2 s result cache would show the pre-booking answer on this frozen clock
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000)
                        .withoutSlotsCache());
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void anIfNoneMatchNamingTheCurrentAnswerGetsA304WithoutABody() {
        HttpResponse<byte[]> first = get(WEEK, null, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

        HttpResponse<byte[]> again = get(WEEK, null, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        assertThat(again.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(again.headers().firstValue("Age")).contains("0");
        assertThat(get(WEEK, null, "W/" + etag).statusCode()).as("a weak match is enough for If-None-Match")
                .isEqualTo(304);
        assertThat(get(WEEK, null, "\"other\", " + etag).statusCode()).isEqualTo(304);
        assertThat(get(WEEK, null, "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aGzipAnswerIsTheSameAnswerCompressedWithATagOfItsOwn() {
        HttpResponse<byte[]> identity = get(WEEK, null, null);
        HttpResponse<byte[]> gzip = get(WEEK, "gzip, deflate", null);
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gunzip(gzip.body())).isEqualTo(new String(identity.body(), StandardCharsets.UTF_8))
                .isEqualTo(stack.calcom(WEEK).body());
        assertThat(gzip.body().length).isLessThan(identity.body().length / 5);
        assertThat(gzip.headers().firstValue("Vary")).contains("Accept-Encoding");
        String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipTag).isNotEqualTo(identity.headers().firstValue("ETag").orElseThrow());
        assertThat(get(WEEK, "gzip", gzipTag).statusCode()).isEqualTo(304);
        assertThat(get(WEEK, "gzip;q=0", null).headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void aBookingGivesTheAnswerANewTag() {
        HttpResponse<byte[]> before = get(WEEK, null, null);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> booked = stack.post("/v2/bookings", BOOKINGS, bookingBody(TEN));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);

        HttpResponse<byte[]> after = get(WEEK, null, etag);
        assertThat(after.statusCode()).as("the tag names the answer before the booking").isEqualTo(200);
        assertThat(after.headers().firstValue("X-Slotgate-Patched")).contains("1");
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(body(after)).isEqualTo(stack.calcom(WEEK).body()).isNotEqualTo(body(before));
    }

    @Test
    void theNoticePassingASlotGivesTheAnswerANewTagAndAnAnswerThatStaysKeepsItsTag() {
        stack.clock.set(Instant.parse("2030-01-07T07:59:00Z"));
        HttpResponse<byte[]> first = get(TODAY, null, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        stack.clock.set(Instant.parse("2030-01-07T07:59:30.250Z"));
        assertThat(get(TODAY, null, etag).statusCode()).as("laid out again, the same answer").isEqualTo(304);

        stack.clock.set(Instant.parse("2030-01-07T08:00:00.001Z"));
        HttpResponse<byte[]> later = get(TODAY, null, etag);
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(body(later)).doesNotContain("2030-01-07T09:00:00.000Z").isEqualTo(stack.calcom(TODAY).body());
        assertThat(later.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    void aKeptRenderingIsNeverServedPastTheInstantItsAnswerChanges() {
        AvailabilityService availability = tenant().availability();
        // 60 minutes' notice: the 09:00Z slot is shown up to 08:00:00.000Z and gone from 08:00:00.001Z
        Instant[] clock = {Instant.parse("2030-01-07T07:59:59.000Z"), Instant.parse("2030-01-07T07:59:59.400Z"),
                Instant.parse("2030-01-07T07:59:59.999Z"), Instant.parse("2030-01-07T08:00:00.000Z"),
                Instant.parse("2030-01-07T08:00:00.001Z"), Instant.parse("2030-01-07T08:00:00.500Z")};
        for (Instant now : clock) {
            stack.clock.set(now);
            long reusedBefore = availability.renderingStats().reused();
            String once = servedAsCalcom(TODAY);
            String twice = servedAsCalcom(TODAY);
            assertThat(twice).isEqualTo(once);
            // the first may be kept from the instant before too, when that one's validity reaches this one
            assertThat(availability.renderingStats().reused()).as("asked twice at " + now + ": the second is kept")
                    .isGreaterThan(reusedBefore);
            assertThat(once.contains("2030-01-07T09:00:00.000Z")).as("09:00 shown at " + now)
                    .isEqualTo(!now.isAfter(Instant.parse("2030-01-07T08:00:00Z")));
        }

        // Someone books 10:00 on Cal.com directly (no webhook): slotgate serves what it has, still the kept rendering
        Instant tenToday = Instant.parse("2030-01-07T10:00:00Z");
        assertThat(stack.send(HttpRequest.newBuilder(URI.create(stack.emulatorServer.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", BOOKINGS).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bookingBody(tenToday))).build()).statusCode())
                .isEqualTo(201);
        long rendered = availability.renderingStats().rendered();
        assertThat(stack.slotgate(TODAY).body()).contains("2030-01-07T10:00:00.000Z");
        assertThat(availability.renderingStats().rendered()).isEqualTo(rendered);
        // then the day is invalidated: the next answer is laid out from the refetched day
        tenant().cache().invalidate(new CacheKey.Generation(tenant().id(), 1001, LocalDate.of(2030, 1, 7)));
        HttpResponse<String> refetched = stack.slotgate(TODAY);
        assertThat(refetched.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(refetched.body()).doesNotContain("2030-01-07T10:00:00.000Z").isEqualTo(stack.calcom(TODAY).body());

        // a booking through slotgate is patched into the cached day: the next answer is laid out from the patch
        Instant elevenToday = Instant.parse("2030-01-07T11:00:00Z");
        servedAsCalcom(TODAY);
        assertThat(stack.post("/v2/bookings", BOOKINGS, bookingBody(elevenToday)).statusCode()).isEqualTo(201);
        HttpResponse<String> patched = stack.slotgate(TODAY);
        assertThat(patched.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(patched.headers().firstValue("X-Slotgate-Patched")).contains("1");
        assertThat(patched.body()).doesNotContain("2030-01-07T11:00:00.000Z").isEqualTo(stack.calcom(TODAY).body());
    }

    /** slotgate's answer, checked against the emulator's at the same instant. */
    private String servedAsCalcom(String path) {
        HttpResponse<String> served = stack.slotgate(path);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).as(path + " at " + stack.clock.instant()).isEqualTo(stack.calcom(path).body());
        return served.body();
    }

    private Tenant tenant() {
        return stack.slotgate.tenants().defaultTenant();
    }

    private HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + path))
                .header("cal-api-version", SLOTS);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bookingBody(Instant start) {
        return """
                {"start":"%s","eventTypeId":1001,"attendee":{"name":"Carol Client","email":"carol@example.com","timeZone":"Europe/Paris"}}"""
                .formatted(start);
    }
}
