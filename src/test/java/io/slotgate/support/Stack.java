package io.slotgate.support;

import io.slotgate.app.RuntimeServices;
import io.slotgate.app.Slotgate;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyJson;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.HttpTransport;
import io.slotgate.calcom.Sleeper;
import io.slotgate.tenant.TenantSettings;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorServer;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.time.MutableClock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * slotgate in front of the emulator, both on real sockets, sharing one controllable clock: the set-up of every
 * end-to-end test. The emulator answers at once and its rate limit is out of the way unless a test sets one.
 */
public final class Stack implements AutoCloseable {
    public final MutableClock clock;
    public final CalcomEmulator emulator;
    public final EmulatorServer emulatorServer;
    public final Slotgate slotgate;
    private final SlotgateConfig config;
    private final java.util.List<Slotgate> others = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RuntimeServices runtime;

    private Stack(MutableClock clock, CalcomEmulator emulator, EmulatorServer emulatorServer, Slotgate slotgate,
                  SlotgateConfig config, RuntimeServices runtime) {
        this.runtime = runtime;
        this.clock = clock;
        this.emulator = emulator;
        this.emulatorServer = emulatorServer;
        this.slotgate = slotgate;
        this.config = config;
    }

    /** With extra tenants, all on the same emulator. */
    public static Stack start(Instant now, PolicyHolder policy, java.util.function.UnaryOperator<SlotgateConfig> configure) {
        return start(now, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                policy, configure);
    }

    public static Stack start(Instant now, String... extraTenants) {
        return start(now, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                extraTenants);
    }

    /** The webhook secret of every tenant of the stack. */
    public static final String WEBHOOK_SECRET = "whsec_slotgate_test";

    public static Stack start(Instant now, EmulatorSettings settings, String... extraTenants) {
        return start(now, settings, PolicyHolder.fixed(TEST_POLICY), UnaryOperator.identity(),
                clock -> Sleeper.system(), UnaryOperator.identity(), extraTenants);
    }

    /** With the shared tier at {@code redisUrl}; {@link #startAnotherInstance()} adds slotgates sharing it. */
    public static Stack startWithRedis(Instant now, String redisUrl, String... extraTenants) {
        return startWithRedis(now, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                redisUrl, extraTenants);
    }

    /** With the shared tier at {@code redisUrl} and the given emulator settings. */
    public static Stack startWithRedis(Instant now, EmulatorSettings settings, String redisUrl, String... extraTenants) {
        return start(now, settings, PolicyHolder.fixed(TEST_POLICY), c -> c.withRedisUrl(Optional.of(redisUrl)),
                clock -> Sleeper.system(), UnaryOperator.identity(), extraTenants);
    }

    /** With slotgate's transport to the emulator wrapped, so a test can act while a call to Cal.com is in flight. */
    public static Stack start(Instant now, EmulatorSettings settings, UnaryOperator<CalcomTransport> wrap,
                              String... extraTenants) {
        return start(now, settings, PolicyHolder.fixed(TEST_POLICY), UnaryOperator.identity(),
                clock -> Sleeper.system(), wrap, extraTenants);
    }

    /**
     * With slotgate's configuration adjusted and its waits (rate-budget tokens, retry backoff) made by the given
     * sleeper, e.g. {@link #virtualSleeper} when the test moves the clock.
     */
    public static Stack start(Instant now, EmulatorSettings settings, UnaryOperator<SlotgateConfig> configure,
                              Function<MutableClock, Sleeper> sleeper, String... extraTenants) {
        return start(now, settings, PolicyHolder.fixed(TEST_POLICY), configure, sleeper, UnaryOperator.identity(),
                extraTenants);
    }

    /** With the given policy and a last word on the configuration (an admin token, say). */
    public static Stack start(Instant now, EmulatorSettings settings, PolicyHolder policy,
                              UnaryOperator<SlotgateConfig> configure, String... extraTenants) {
        return start(now, settings, policy, configure, clock -> Sleeper.system(), UnaryOperator.identity(),
                extraTenants);
    }

    public static Stack start(Instant now, EmulatorSettings settings, PolicyHolder policy,
                              UnaryOperator<SlotgateConfig> configure, Function<MutableClock, Sleeper> sleeper,
                              UnaryOperator<CalcomTransport> wrap, String... extraTenants) {
        MutableClock clock = new MutableClock(now);
        CalcomEmulator emulator = new CalcomEmulator(clock, settings);
        EmulatorServer server = EmulatorServer.start(emulator, 0);
        URI calcom = URI.create(server.baseUrl());
        Optional<Secret> key = Optional.of(new Secret(EmulatorSettings.DEMO_API_KEY));
        Optional<Secret> secret = Optional.of(new Secret(WEBHOOK_SECRET));
        // the emulator answers every call afresh unless a test turns its result cache on: no grace to wait for
        SlotgateConfig config = configure.apply(SlotgateConfig.defaults().with(b -> b.calcomResultCache = Duration.ZERO)
                .withPort(0).withCalcom(calcom, key)
                .withWebhookSecret(secret)
                .withExtraTenants(java.util.Arrays.stream(extraTenants)
                        .map(id -> new TenantSettings(new TenantId(id), calcom, key, secret)).toList()));
        RuntimeServices base = runtime(clock, config);
        RuntimeServices runtime = new RuntimeServices(clock, sleeper.apply(clock), base.scheduler(),
                base.parallelFills(),
                settingsOf -> wrap.apply(new HttpTransport(settingsOf.calcomUrl(), config.upstreamConnectTimeout(),
                        config.upstreamRequestTimeout())), policy, base.activity(), base.random());
        Slotgate slotgate = Slotgate.start(config, runtime);
        return new Stack(clock, emulator, server, slotgate, config, runtime);
    }

    /** One more slotgate with the same configuration (same emulator, same clock, same Redis), on its own port. */
    public Slotgate startAnotherInstance() {
        RuntimeServices own = new RuntimeServices(clock, runtime.sleeper(),
                RuntimeServices.production(config).scheduler(),
                runtime.parallelFills(), runtime.transports(), runtime.policy(), new ActivityTracker(clock),
                runtime.random());
        Slotgate another = Slotgate.start(config, own);
        others.add(another);
        return another;
    }

    /** GET on the given slotgate instance with the slots API version header. */
    public HttpResponse<String> slotgate(Slotgate instance, String pathAndQuery) {
        return get("http://127.0.0.1:" + instance.port() + pathAndQuery);
    }

    /**
     * Real background threads on the test's clock, and a fixed policy: day buckets fresh for 60 s (30 s when empty)
     * with no stale serving, no warming and no early refresh, calls that fetch the days asked for and no more, and no
     * pacing of background calls, so what a test sees depends only on what it does (the wider and paced calls of
     * slotgate's policy have tests of their own).
     */
    public static RuntimeServices runtime(MutableClock clock, SlotgateConfig config) {
        RuntimeServices production = RuntimeServices.production(config);
        return new RuntimeServices(clock, production.sleeper(), production.scheduler(), production.parallelFills(),
                production.transports(), PolicyHolder.fixed(TEST_POLICY), new ActivityTracker(clock),
                production.random());
    }

    public static final PolicyProfile TEST_POLICY = PolicyJson.parse("{\"name\":\"test\",\"freshTodaySeconds\":60,"
            + "\"freshNearSeconds\":60,\"freshFarSeconds\":60,\"freshEmptySeconds\":30,\"staleWindowSeconds\":0,"
            + "\"webhookSilenceMinutes\":0,\"refreshAheadBeta\":0,\"refreshOnInvalidate\":false,"
            + "\"warmTopEventTypes\":0,\"fillNearDays\":0,\"fillFarMonths\":0,\"fillSpanDays\":90,"
            + "\"backgroundSpacingSeconds\":0,\"patchConfirmSeconds\":0,\"freedSpacingSeconds\":0}");

    /** Waits until the clock, moved by someone else, has gone {@code duration} further. */
    public static Sleeper virtualSleeper(MutableClock clock) {
        return duration -> {
            Instant until = clock.instant().plus(duration);
            while (clock.instant().isBefore(until)) {
                Thread.sleep(1);
            }
        };
    }

    /** Has the emulator send every webhook of the demo organization to {@code instance}, signed with the test secret. */
    public void sendWebhooksTo(Slotgate instance) {
        emulator.webhooks().subscribe(io.slotgate.emulator.WebhookSubscription.organization("1",
                URI.create("http://127.0.0.1:" + instance.port() + "/webhooks/calcom"), WEBHOOK_SECRET,
                io.slotgate.emulator.WebhookSubscription.ALL_TRIGGERS));
    }

    /** Books {@code start} of an event type on the emulator, as a booker would on Cal.com (not through slotgate). */
    public HttpResponse<String> bookOnCalcom(long eventTypeId, Instant start) {
        return send(HttpRequest.newBuilder(URI.create(emulatorServer.baseUrl() + "/v2/bookings"))
                .header("cal-api-version", "2024-08-13").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"start":"%s","eventTypeId":%d,"attendee":{"name":"Carol","email":"carol@example.com",\
                        "timeZone":"Europe/Paris"}}""".formatted(start, eventTypeId))).build());
    }

    /** The default tenant's Cal.com client. */
    public CalcomClient client() {
        return slotgate.tenants().defaultTenant().client();
    }

    public String slotgateUrl() {
        return "http://127.0.0.1:" + slotgate.port();
    }

    /** GET on slotgate with the slots API version header. */
    public HttpResponse<String> slotgate(String pathAndQuery) {
        return get(slotgateUrl() + pathAndQuery);
    }

    /** The same GET straight to the emulator: what Cal.com itself would say. */
    public HttpResponse<String> calcom(String pathAndQuery) {
        return get(emulatorServer.baseUrl() + pathAndQuery);
    }

    public HttpResponse<String> get(String url) {
        return get(url, "2024-09-04");
    }

    /** GET with the given {@code cal-api-version}, or none when {@code version} is null. */
    public HttpResponse<String> get(String url, String version) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (version != null) {
            request.header("cal-api-version", version);
        }
        return send(request.build());
    }

    /** GET on slotgate with the given {@code cal-api-version} (none when null). */
    public HttpResponse<String> slotgate(String pathAndQuery, String version) {
        return get(slotgateUrl() + pathAndQuery, version);
    }

    /** The same straight to the emulator. */
    public HttpResponse<String> calcom(String pathAndQuery, String version) {
        return get(emulatorServer.baseUrl() + pathAndQuery, version);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST with a JSON body to slotgate, with the given cal-api-version. */
    public HttpResponse<String> post(String pathAndQuery, String version, String json) {
        return send(HttpRequest.newBuilder(URI.create(slotgateUrl() + pathAndQuery))
                .header("cal-api-version", version).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public long upstreamSlotCalls() {
        return emulator.requestCount("/v2/slots");
    }

    @Override
    public void close() {
        others.forEach(Slotgate::close);
        slotgate.close();
        emulatorServer.close();
    }
}
