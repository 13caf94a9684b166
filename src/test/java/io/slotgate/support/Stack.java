package io.slotgate.support;

import io.slotgate.app.Slotgate;
import io.slotgate.cache.TenantId;
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

    private Stack(MutableClock clock, CalcomEmulator emulator, EmulatorServer emulatorServer, Slotgate slotgate,
                  SlotgateConfig config) {
        this.clock = clock;
        this.emulator = emulator;
        this.emulatorServer = emulatorServer;
        this.slotgate = slotgate;
        this.config = config;
    }

    /** With extra tenants, all on the same emulator. */
    public static Stack start(Instant now, String... extraTenants) {
        return start(now, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                extraTenants);
    }

    public static Stack start(Instant now, EmulatorSettings settings, String... extraTenants) {
        return start(now, settings, Optional.empty(), extraTenants);
    }

    /** With the shared tier at {@code redisUrl}; {@link #startAnotherInstance()} adds slotgates sharing it. */
    public static Stack startWithRedis(Instant now, String redisUrl, String... extraTenants) {
        return start(now, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                Optional.of(redisUrl), extraTenants);
    }

    public static Stack start(Instant now, EmulatorSettings settings, Optional<String> redisUrl, String... extraTenants) {
        MutableClock clock = new MutableClock(now);
        CalcomEmulator emulator = new CalcomEmulator(clock, settings);
        EmulatorServer server = EmulatorServer.start(emulator, 0);
        URI calcom = URI.create(server.baseUrl());
        Optional<Secret> key = Optional.of(new Secret(EmulatorSettings.DEMO_API_KEY));
        SlotgateConfig config = SlotgateConfig.defaults().withPort(0).withCalcom(calcom, key)
                .withExtraTenants(java.util.Arrays.stream(extraTenants)
                        .map(id -> new TenantSettings(new TenantId(id), calcom, key, Optional.empty())).toList())
                .withRedisUrl(redisUrl);
        Slotgate slotgate = Slotgate.start(config, clock);
        return new Stack(clock, emulator, server, slotgate, config);
    }

    /** One more slotgate with the same configuration (same emulator, same clock, same Redis), on its own port. */
    public Slotgate startAnotherInstance() {
        Slotgate another = Slotgate.start(config, clock);
        others.add(another);
        return another;
    }

    /** GET on the given slotgate instance with the slots API version header. */
    public HttpResponse<String> slotgate(Slotgate instance, String pathAndQuery) {
        return get("http://127.0.0.1:" + instance.port() + pathAndQuery);
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
        return send(HttpRequest.newBuilder(URI.create(url)).header("cal-api-version", "2024-09-04").GET().build());
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
