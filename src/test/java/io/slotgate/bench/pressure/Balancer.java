package io.slotgate.bench.pressure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.slots.Slot;
import io.slotgate.slots.SlotsJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A round-robin HTTP balancer in front of the slotgate instances, and the place where answers are judged: queries
 * and webhooks each alternate between instances; the moment an instance's answer to {@code GET /v2/slots} is in, the
 * emulator's truth for the same query is read, before the answer is passed on; each webhook's first arrival is
 * written to the {@link ChangeLog} as it is passed on.
 */
final class Balancer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FORWARDED_HEADERS = List.of("cal-api-version", "content-type",
            "x-cal-signature-256", "x-agent-token");
    private static final List<String> RETURNED_HEADERS = List.of("Content-Type", "Retry-After", "X-Cache", "Age");

    /** A webhook the balancer passed on: which one, where, and what the instance said. */
    record Delivery(ChangeLog.WebhookKey key, int instance, Instant arrivedAt, int status) {
    }

    private final List<URI> instances;
    private final Truth truth;
    private final LongFunction<EventTypeSpec> eventTypes;
    private final ChangeLog log;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final AtomicInteger nextForQuery = new AtomicInteger();
    private final AtomicInteger nextForWebhook = new AtomicInteger();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private final AtomicLong unreachable = new AtomicLong();

    private Balancer(List<URI> instances, Truth truth, LongFunction<EventTypeSpec> eventTypes, ChangeLog log,
                     Clock clock) throws IOException {
        this.instances = List.copyOf(instances);
        this.truth = truth;
        this.eventTypes = eventTypes;
        this.log = log;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(workers)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(workers);
        server.createContext("/v2/slots", this::slots);
        server.createContext("/webhooks/calcom", this::webhook);
        server.createContext("/", exchange -> reply(exchange, 404, Map.of(), "{\"error\":\"not balanced\"}".getBytes()));
    }

    static Balancer start(List<URI> instances, Truth truth, LongFunction<EventTypeSpec> eventTypes, ChangeLog log,
                          Clock clock) throws IOException {
        Balancer balancer = new Balancer(instances, truth, eventTypes, log, clock);
        balancer.server.start();
        return balancer;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    long unreachable() {
        return unreachable.get();
    }

    private void slots(HttpExchange exchange) throws IOException {
        BenchQuery query;
        try {
            query = BenchQuery.parse(exchange.getRequestURI().getRawQuery());
        } catch (RuntimeException e) {
            reply(exchange, 400, Map.of(), ("{\"error\":\"" + e.getMessage() + "\"}").getBytes());
            return;
        }
        int instance = Math.floorMod(nextForQuery.getAndIncrement(), instances.size());
        long sent = System.nanoTime();
        Optional<HttpResponse<byte[]>> response = forward(exchange, instance, "/v2/slots?" + query.queryString());
        Duration latency = Duration.ofNanos(System.nanoTime() - sent);
        if (response.isEmpty()) {
            answers.add(Answer.unjudged(query, instance, clock.instant(), 0, null, null, latency,
                    "the balancer could not reach the instance"));
            reply(exchange, 502, Map.of(), "{\"error\":\"instance unreachable\"}".getBytes());
            return;
        }
        HttpResponse<byte[]> r = response.get();
        String cache = r.headers().firstValue("X-Cache").orElse(null);
        if (r.statusCode() == 200) {
            // Read the truth first: it must be the truth of the instant the answer was given.
            Truth.Reading reading = truth.read(query);
            answers.add(judgeable(query, instance, cache, latency, r.body(), reading));
        } else {
            answers.add(Answer.unjudged(query, instance, clock.instant(), r.statusCode(),
                    r.headers().firstValue("Retry-After").orElse(null), cache, latency, null));
        }
        reply(exchange, r.statusCode(), returnedHeaders(r), r.body());
    }

    private Answer judgeable(BenchQuery query, int instance, String cache, Duration latency, byte[] bytes,
                             Truth.Reading reading) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        EventTypeSpec type = eventTypes.apply(query.eventTypeId());
        List<Slot> offered;
        try {
            offered = SlotsJson.parse(body, Duration.ofMinutes(query.minutes(type)));
        } catch (SlotsJson.MalformedSlotsException e) {
            return Answer.unjudged(query, instance, reading.at(), 200, null, cache, latency,
                    "unreadable 200 body: " + e.getMessage());
        }
        return Answer.ok(query, instance, cache, latency, body, offered, reading);
    }

    private void webhook(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Instant arrived = clock.instant();
        ChangeLog.WebhookKey key = keyOf(body);
        if (key != null) {
            log.webhookArrived(key, arrived);
        }
        int instance = Math.floorMod(nextForWebhook.getAndIncrement(), instances.size());
        Optional<HttpResponse<byte[]>> response = forward(exchange, instance, "/webhooks/calcom", body);
        int status = response.map(HttpResponse::statusCode).orElse(0);
        if (key != null && response.isPresent()) {
            log.webhookAnswered(key, clock.instant());
        }
        deliveries.add(new Delivery(key, instance, arrived, status));
        if (response.isEmpty()) {
            reply(exchange, 502, Map.of(), "{\"error\":\"instance unreachable\"}".getBytes());
        } else {
            reply(exchange, status, returnedHeaders(response.get()), response.get().body());
        }
    }

    /** Cal.com's envelope: {@code {triggerEvent, payload: {uid, ...}}}; null when the body says neither. */
    static ChangeLog.WebhookKey keyOf(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            String trigger = root.path("triggerEvent").asText(null);
            String uid = root.path("payload").path("uid").asText(null);
            return trigger == null || uid == null ? null : new ChangeLog.WebhookKey(trigger, uid);
        } catch (IOException e) {
            return null;
        }
    }

    private Optional<HttpResponse<byte[]>> forward(HttpExchange exchange, int instance, String pathAndQuery) {
        return forward(exchange, instance, pathAndQuery, null);
    }

    private Optional<HttpResponse<byte[]>> forward(HttpExchange exchange, int instance, String pathAndQuery,
                                                   byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(instances.get(instance).resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        try {
            return Optional.of(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            unreachable.incrementAndGet();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Map<String, String> returnedHeaders(HttpResponse<?> response) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : RETURNED_HEADERS) {
            response.headers().firstValue(name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
