package io.slotgate.bench.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.app.RuntimeServices;
import io.slotgate.app.Slotgate;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorServer;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.support.AgentClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scripted agent conversation over MCP (the official Java SDK's client, real HTTP) against the Cal.com emulator
 * with Cal.com's latency (300-800 ms per call): the caller asks for the next slot, the agent asks for alternatives and
 * the day's slots, a competing booking takes the first choice at Cal.com directly, the agent books the first choice
 * anyway (refused: alternatives in the same answer), holds the first alternative and books it with the hold.
 *
 * <p>Each read tool's latency through slotgate is set against the same question asked of the emulator directly
 * ({@code GET /v2/slots} over the same range), as is each write. The reads are measured on warm buckets: before each
 * conversation one unmeasured {@code list_slots} over the horizon makes sure the days are cached (after the previous
 * conversation's booking and conflict, a day may have been refetched or dropped); its own latency is reported as the
 * warm-up. Also printed: how many agent round trips and Cal.com calls the conflict costs.
 *
 * <p>Run: {@code bench/mcp-conversation.sh [conversations]} (default 30).
 */
public final class ConversationBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "agt_bench_token";
    private static final long EVENT_TYPE = 1001;
    private static final String ZONE = "Europe/Berlin";
    private static final int WARM_UP_CALLS = 300;
    private static final int WARM_LOOP_CALLS = 300;

    private final Map<String, List<Long>> slotgate = new LinkedHashMap<>();
    private final Map<String, List<Long>> direct = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private String calcomUrl;

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        new ConversationBenchmark().run(conversations);
        System.exit(0);
    }

    void run(int conversations) throws Exception {
        Clock clock = Clock.systemUTC();
        // Cal.com's latency; its rate limit raised so the benchmark's direct calls do not throttle slotgate's
        CalcomEmulator emulator = new CalcomEmulator(clock, EmulatorSettings.defaults().withRateLimit(1_000_000));
        DemoData.install(emulator);
        try (EmulatorServer server = EmulatorServer.start(emulator, 0)) {
            calcomUrl = server.baseUrl();
            SlotgateConfig config = SlotgateConfig.defaults().withPort(0)
                    .withCalcom(URI.create(calcomUrl), Optional.of(new Secret(EmulatorSettings.DEMO_API_KEY)))
                    .withAgentToken(Optional.of(new Secret(TOKEN)))
                    .with(b -> b.verifier = new io.slotgate.ops.StalenessVerifier.Settings(Duration.ZERO, 1, 10));
            try (Slotgate gate = Slotgate.start(config, RuntimeServices.production(config));
                 AgentClient agent = new AgentClient("http://127.0.0.1:" + gate.port(), "/mcp", TOKEN)) {
                var ledger = gate.tenants().defaultTenant().ledger();
                long conflictCalcomCalls = 0;
                int conflicts = 0;
                int alternativesBooked = 0;
                // A server that has run a while: the JIT has compiled the read path (unmeasured).
                Instant start = clock.instant();
                for (int i = 0; i < WARM_UP_CALLS; i++) {
                    agent.call("find_next_slot", Map.of("eventTypeId", EVENT_TYPE, "timeZone", ZONE));
                    agent.call("list_slots", Map.of("eventTypeId", EVENT_TYPE, "start", iso(start),
                            "end", iso(start.plus(Duration.ofDays(2)))));
                    agent.call("find_alternatives", Map.of("eventTypeId", EVENT_TYPE,
                            "wanted", iso(start.plus(Duration.ofDays(1))), "count", 3));
                }
                for (int i = 0; i < conversations; i++) {
                    String caller = "Caller " + i;
                    String directName = "Direct " + i;
                    Instant now = clock.instant();
                    String from = iso(now);
                    String until = iso(now.plus(Duration.ofDays(14)));
                    time("warm-up list_slots (unmeasured read)", slotgate,
                            () -> agent.call("list_slots", Map.of("eventTypeId", EVENT_TYPE, "start", from,
                                    "end", until)));

                    JsonNode next = time("find_next_slot", slotgate, () -> agent.call("find_next_slot",
                            Map.of("eventTypeId", EVENT_TYPE, "timeZone", ZONE)));
                    time("find_next_slot", direct, () -> calcom("GET", "/v2/slots?eventTypeId=" + EVENT_TYPE
                            + "&start=" + from + "&end=" + iso(now.plus(Duration.ofDays(7))) + "&timeZone=" + ZONE,
                            "2024-09-04", null));
                    String first = next.path("slot").path("start").asText();
                    Instant firstAt = OffsetDateTime.parse(first).toInstant();
                    String day = firstAt.atOffset(ZoneOffset.UTC).toLocalDate().toString();

                    time("find_alternatives", slotgate, () -> agent.call("find_alternatives",
                            Map.of("eventTypeId", EVENT_TYPE, "wanted", first, "count", 3, "timeZone", ZONE)));
                    time("find_alternatives", direct, () -> calcom("GET", "/v2/slots?eventTypeId=" + EVENT_TYPE
                            + "&start=" + firstAt.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(7) + "&end="
                            + firstAt.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(7) + "&timeZone=" + ZONE,
                            "2024-09-04", null));
                    time("list_slots", slotgate, () -> agent.call("list_slots",
                            Map.of("eventTypeId", EVENT_TYPE, "start", day, "end", day, "timeZone", ZONE)));
                    time("list_slots", direct, () -> calcom("GET", "/v2/slots?eventTypeId=" + EVENT_TYPE
                            + "&start=" + day + "&end=" + day + "&timeZone=" + ZONE, "2024-09-04", null));

                    // the competitor takes the first choice at Cal.com; slotgate is not told
                    calcom("POST", "/v2/bookings", "2024-08-13", booking(iso(firstAt), "Rival " + i));

                    long before = total(ledger);
                    JsonNode refused = time("book_slot (slot just taken)", slotgate,
                            () -> agent.call("book_slot", booking(first, caller)));
                    conflictCalcomCalls += total(ledger) - before;
                    if (refused.path("booked").asBoolean() || refused.path("alternatives").isEmpty()) {
                        throw new IllegalStateException("expected a refusal with alternatives: " + refused);
                    }
                    conflicts++;
                    time("book_slot (slot just taken)", direct,
                            () -> calcom("POST", "/v2/bookings", "2024-08-13", booking(iso(firstAt), caller)));
                    String alternative = refused.path("alternatives").get(0).path("start").asText();
                    Instant alternativeAt = OffsetDateTime.parse(alternative).toInstant();

                    JsonNode held = time("hold_slot", slotgate, () -> agent.call("hold_slot",
                            Map.of("eventTypeId", EVENT_TYPE, "start", alternative, "timeZone", ZONE)));
                    String uid = held.path("reservationUid").asText();
                    JsonNode booked = time("book_slot", slotgate, () -> agent.call("book_slot",
                            withHold(booking(alternative, caller), uid)));
                    if (booked.path("booked").asBoolean()) {
                        alternativesBooked++;
                    }
                    // the same writes asked of Cal.com directly, on the next slot after the alternative (free)
                    String spare = iso(alternativeAt.plus(Duration.ofMinutes(15)));
                    JsonNode directHold = time("hold_slot", direct, () -> calcom("POST", "/v2/slots/reservations",
                            "2024-09-04", JSON.createObjectNode().put("eventTypeId", EVENT_TYPE).put("slotStart", spare)));
                    calcom("DELETE", "/v2/slots/reservations/" + directHold.path("data").path("reservationUid").asText(),
                            "2024-09-04", null);
                    JsonNode directBooking = time("book_slot", direct,
                            () -> calcom("POST", "/v2/bookings", "2024-08-13", booking(spare, directName)));
                    // the direct booking is cancelled again so the next conversation's slots stay comparable
                    calcom("POST", "/v2/bookings/" + directBooking.path("data").path("uid").asText() + "/cancel",
                            "2024-08-13", JSON.createObjectNode());
                }
                print(conversations, conflicts, alternativesBooked, conflictCalcomCalls);
                warmLoop(agent, gate.port(), clock.instant());
            }
        }
    }

    private void print(int conversations, int conflicts, int booked, long conflictCalcomCalls) {
        System.out.printf("%nMCP conversation benchmark: %d conversations, event type %d, emulator latency "
                + "300-800 ms%n%n", conversations, EVENT_TYPE);
        System.out.printf("%-38s %10s %10s %6s | %12s %12s%n", "tool", "p50 ms", "p95 ms", "n", "direct p50",
                "direct p95");
        for (var e : slotgate.entrySet()) {
            List<Long> d = direct.getOrDefault(e.getKey(), List.of());
            System.out.printf("%-38s %10.1f %10.1f %6d | %12s %12s%n", e.getKey(), pct(e.getValue(), 50) / 1e6,
                    pct(e.getValue(), 95) / 1e6, e.getValue().size(),
                    d.isEmpty() ? "-" : String.format("%.1f", pct(d, 50) / 1e6),
                    d.isEmpty() ? "-" : String.format("%.1f", pct(d, 95) / 1e6));
        }
        System.out.printf("%nconflicts: %d; alternatives booked at once: %d of %d%n", conflicts, booked, conflicts);
        System.out.printf("round trips the conflict costs the agent: through slotgate 0 extra (the refusal carries "
                + "the alternatives), against Cal.com directly 1 extra (its 400 names none: another GET /v2/slots)%n");
        System.out.printf("Cal.com calls slotgate made inside the refused book_slot: %.1f per conflict (the booking "
                + "and the refetch of the day)%n", conflicts == 0 ? 0.0 : (double) conflictCalcomCalls / conflicts);
    }

    /**
     * The reads alone, back to back on warm buckets: each read tool over MCP next to the same question over the
     * finder's plain HTTP route, so the MCP layer's own cost shows apart from the machine's load.
     */
    private void warmLoop(AgentClient agent, int port, Instant now) {
        Map<String, List<Long>> loop = new LinkedHashMap<>();
        String day = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).toString();
        String base = "http://127.0.0.1:" + port;
        for (int i = 0; i < WARM_LOOP_CALLS; i++) {
            time("MCP find_next_slot", loop, () -> agent.call("find_next_slot",
                    Map.of("eventTypeId", EVENT_TYPE, "timeZone", ZONE)));
            time("HTTP GET /v1/finder/next", loop, () -> get(base + "/v1/finder/next?eventTypeId=" + EVENT_TYPE
                    + "&timeZone=" + ZONE));
            time("MCP list_slots", loop, () -> agent.call("list_slots", Map.of("eventTypeId", EVENT_TYPE,
                    "start", day, "end", day, "timeZone", ZONE)));
            time("HTTP GET /v1/finder/window", loop, () -> get(base + "/v1/finder/window?eventTypeId=" + EVENT_TYPE
                    + "&start=" + day + "&end=" + day + "&timeZone=" + ZONE));
            time("MCP find_alternatives", loop, () -> agent.call("find_alternatives", Map.of("eventTypeId",
                    EVENT_TYPE, "wanted", day + "T10:00:00Z", "count", 3, "timeZone", ZONE)));
            time("HTTP GET /v1/finder/alternatives", loop, () -> get(base + "/v1/finder/alternatives?eventTypeId="
                    + EVENT_TYPE + "&wanted=" + day + "T10:00:00Z&count=3&timeZone=" + ZONE));
        }
        System.out.printf("%nwarm reads back to back, %d calls each:%n", WARM_LOOP_CALLS);
        System.out.printf("%-38s %10s %10s%n", "read", "p50 ms", "p95 ms");
        loop.forEach((name, values) -> System.out.printf("%-38s %10.2f %10.2f%n", name, pct(values, 50) / 1e6,
                pct(values, 95) / 1e6));
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e, e);
        }
    }

    private static Map<String, Object> booking(String start, String name) {
        return Map.of("eventTypeId", EVENT_TYPE, "start", start,
                "attendee", Map.of("name", name, "email", "caller@example.com", "timeZone", ZONE));
    }

    private static long total(io.slotgate.ops.UpstreamLedger ledger) {
        return ledger.snapshot().stream().mapToLong(io.slotgate.ops.UpstreamLedger.Entry::calls).sum();
    }

    private static Map<String, Object> withHold(Map<String, Object> booking, String uid) {
        Map<String, Object> copy = new LinkedHashMap<>(booking);
        copy.put("reservationUid", uid);
        return copy;
    }

    private JsonNode calcom(String method, String path, String version, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(calcomUrl + path))
                    .header("cal-api-version", version)
                    .header("Authorization", "Bearer " + EmulatorSettings.DEMO_API_KEY);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("content-type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    private static <T> T time(String name, Map<String, List<Long>> into, java.util.function.Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        long took = System.nanoTime() - start;
        into.computeIfAbsent(name, k -> new ArrayList<>()).add(took);
        return result;
    }

    private static double pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
