package io.slotgate.emulator;

import io.slotgate.slots.CalcomErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One request answered as Cal.com's HTTP API answers it: behind its throttler (NOTES §6) and API-key check, routed to
 * its resource, an unexpected failure turned into Cal.com's 500, and recorded in the request log. The booking events
 * a request caused are fired once the lock is released (listeners may call back in), but before the answer returns,
 * as Cal.com awaits its webhooks before answering (NOTES §5e).
 */
final class ApiHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String TOO_MANY = "CustomThrottlerGuard - Too many requests. Please try again later.";
    private static final String INVALID_KEY = "CustomThrottlerGuard - Invalid API Key";

    private final Clock clock;
    private final EmulatorSettings settings;
    private final GuardedModel guarded;
    private final Router router;
    private final RateLimiter limiter;
    private final Random latencyRandom;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Consumer<BookingEvent>> listeners = new CopyOnWriteArrayList<>();

    ApiHandler(Clock clock, EmulatorSettings settings, GuardedModel guarded, Router router) {
        this.clock = clock;
        this.settings = settings;
        this.guarded = guarded;
        this.router = router;
        this.limiter = new RateLimiter(settings.rateLimitPerWindow(), settings.rateWindow(), settings.blockDuration());
        this.latencyRandom = new Random(settings.randomSeed() * 31 + 7);
    }

    void addBookingListener(Consumer<BookingEvent> listener) {
        listeners.add(listener);
    }

    /** The answer, with its latency sampled and returned, never slept here. */
    EmulatorResponse handle(EmulatorRequest request) {
        String path = RequestPaths.normalizePath(request.path());
        String fullPath = path + RequestPaths.queryPart(request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        Outcome outcome = guarded.locked(() -> {
            Instant now = clock.instant();
            String key = request.bearerToken();
            // NOTES §6: an API key is tracked by its sha256, anyone else by client IP (cf-connecting-ip first).
            String tracker = key != null ? "key:" + sha256(key) : "ip:" + clientIp(request);
            RateLimiter.Decision decision = limiter.hit(tracker, now);
            headers.put("X-RateLimit-Limit-Default", Integer.toString(decision.limit()));
            headers.put("X-RateLimit-Remaining-Default", Integer.toString(decision.remaining()));
            headers.put("X-RateLimit-Reset-Default", Long.toString(decision.resetSeconds()));
            Outcome answered;
            if (!decision.allowed()) {
                answered = Outcome.of(429, CalcomErrorBody.throttled(clock, fullPath, TOO_MANY));
            } else if (key != null && !settings.apiKeys().contains(key)) {
                answered = Outcome.of(401,
                        CalcomErrorBody.of(clock, fullPath, 401, "UnauthorizedException", INVALID_KEY));
            } else {
                answered = routed(request, path, fullPath, now, key != null);
                headers.putAll(answered.headers());
            }
            requests.add(new RecordedRequest(now, request.method(), path, request.query(), answered.status()));
            return answered;
        });
        for (BookingEvent event : outcome.events()) {
            fire(event);
        }
        Duration latency = settings.latency().sample(latencyRandom);
        return new EmulatorResponse(outcome.status(), headers, outcome.body(), latency);
    }

    private Outcome routed(EmulatorRequest request, String path, String fullPath, Instant now, boolean authenticated) {
        try {
            return router.route(request, path, now, authenticated);
        } catch (ApiException e) {
            return Outcome.of(e.status, e.body(clock, fullPath));
        } catch (RuntimeException e) {
            LOG.warn("emulator failed on {} {}", request.method(), fullPath, e);
            return Outcome.of(500, CalcomErrorBody.of(clock, fullPath, 500,
                    "InternalServerErrorException", "Internal server error"));
        }
    }

    private void fire(BookingEvent event) {
        for (Consumer<BookingEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("booking listener failed on {}", event, e);
            }
        }
    }

    List<RecordedRequest> requests() {
        return guarded.locked(() -> List.copyOf(requests));
    }

    long requestCount(String pathPrefix) {
        return guarded.locked(() -> requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count());
    }

    void clearRequests() {
        guarded.locked(() -> {
            requests.clear();
            return null;
        });
    }

    private static String clientIp(EmulatorRequest request) {
        String cf = request.header("cf-connecting-ip");
        return cf != null && !cf.isBlank() ? cf.trim() : request.clientIp();
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
