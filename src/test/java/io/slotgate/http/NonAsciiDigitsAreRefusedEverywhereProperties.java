package io.slotgate.http;

import io.slotgate.config.Secret;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.Stack;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A number written in another script's digits ({@code ١٠٠١}, {@code १००१}, {@code １００１}) is no number to Cal.com:
 * its DTOs read {@code eventTypeId} and {@code duration} with JavaScript's {@code parseInt}, which knows only ASCII
 * digits, and {@code @IsNumber()} refuses the {@code NaN} with a 400. Every slotgate endpoint refuses it the same way,
 * without asking Cal.com, over real sockets.
 */
class NonAsciiDigitsAreRefusedEverywhereProperties {
    private static final String TOKEN = "adm_non_ascii_digits_token";
    /** The zero of some scripts whose digits {@link Character#isDigit} takes and {@code parseInt} does not. */
    private static final char[] ZEROS = {'\u0660', '\u06F0', '\u0966', '\u09E6', '\u0E50', '\uFF10'};
    private static Stack stack;

    @BeforeContainer
    static void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                PolicyHolder.fixed(Stack.TEST_POLICY), c -> c.withAdminToken(Optional.of(new Secret(TOKEN))));
        DemoData.install(stack.emulator);
    }

    @AfterContainer
    static void stop() {
        stack.close();
    }

    @Property(tries = 40)
    void anIdInOtherDigitsIsA400OnEverySlotsRouteAsCalcomAnswers(@ForAll("foreignNumbers") String id) {
        String q = enc(id);
        String[] paths = {
                "/v2/slots?eventTypeId=" + q + "&start=2030-01-07&end=2030-01-08",
                "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-08&duration=" + q,
                "/v2/slots/available?eventTypeId=" + q + "&startTime=2030-01-07&endTime=2030-01-08"};
        for (String path : paths) {
            assertThat(stack.calcom(path, version(path)).statusCode()).as("Cal.com on " + path).isEqualTo(400);
        }
        long calls = stack.upstreamSlotCalls();
        for (String path : paths) {
            HttpResponse<String> slotgate = stack.slotgate(path, version(path));
            assertThat(slotgate.statusCode()).as(path + ": " + slotgate.body()).isEqualTo(400);
        }
        assertThat(stack.upstreamSlotCalls()).isEqualTo(calls);
    }

    private static String version(String path) {
        return path.contains("/available") ? null : "2024-09-04";
    }

    @Property(tries = 40)
    void anIdInOtherDigitsIsA400NamingItOnTheFinderAndAdminRoutes(@ForAll("foreignNumbers") String id) {
        String q = enc(id);
        long calls = stack.upstreamSlotCalls();
        assertRefused(stack.slotgate("/v1/finder/next?eventTypeId=" + q), "eventTypeId");
        assertRefused(stack.slotgate("/v1/finder/window?eventTypeId=1001&start=2030-01-07&end=2030-01-08&duration="
                + q), "duration");
        assertRefused(stack.slotgate("/tenants/default/v1/finder/alternatives?eventTypeId=" + q
                + "&wanted=2030-01-07T09:00:00Z"), "eventTypeId");
        assertRefused(stack.send(HttpRequest.newBuilder(URI.create(stack.slotgateUrl() + "/admin/cache/clear?eventType="
                + q)).header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build()),
                "'eventType'");
        assertThat(stack.upstreamSlotCalls()).isEqualTo(calls);
    }

    @Property
    void onlyAsciiDigitsMakeAnId(@ForAll("foreignNumbers") String foreign) {
        assertThat(QueryParams.positiveId(foreign)).isEmpty();
        String ascii = foreign.chars().map(Character::getNumericValue).collect(StringBuilder::new,
                StringBuilder::append, StringBuilder::append).toString();
        assertThat(QueryParams.positiveId(ascii)).hasValue(Long.parseLong(ascii));
    }

    /** A number from 1 to 99999 in one script's digits, with at least one digit outside ASCII. */
    @Provide
    Arbitrary<String> foreignNumbers() {
        return Combinators.combine(Arbitraries.integers().between(1, 99_999), Arbitraries.of(new String(ZEROS).chars()
                .boxed().toList())).as((n, zero) -> {
                    StringBuilder digits = new StringBuilder();
                    for (char c : Integer.toString(n).toCharArray()) {
                        digits.append((char) (zero + (c - '0')));
                    }
                    return digits.toString();
                });
    }

    private static void assertRefused(HttpResponse<String> response, String naming) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(naming);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
