package io.slotgate.invalidation;

import io.slotgate.cache.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Passes a webhook on to the other instances while the shared tier cannot: with Redis away, a booking announced to one
 * instance would otherwise stay unknown to the others until their refetch, and they would go on offering its slot.
 * The delivery goes out as Cal.com sent it (body and signature), so each peer verifies it as its own; it is marked
 * {@value #HEADER}, and a relayed delivery is never relayed again. Best effort: a peer that cannot be reached is
 * logged and left to its own refetches.
 */
public final class WebhookRelay {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRelay.class);
    /** Marks a delivery one instance passed on to another. */
    public static final String HEADER = "X-Slotgate-Relayed";
    /** No relay: one instance, or instances that share a tier and need none. */
    public static final WebhookRelay NONE = new WebhookRelay(List::of, () -> false, java.time.Clock.systemUTC());

    private final Supplier<List<URI>> peers;
    private final BooleanSupplier needed;
    private final LongAdder relayed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /** Deliveries of the last {@link #RECENT}: what is relayed when the tier is lost just after they were shared. */
    private final java.util.concurrent.ConcurrentLinkedDeque<Delivery> recent = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /**
     * How far back a loss of the tier reaches: a change broadcast just before Redis went may never have been
     * delivered to the other instances' subscriptions, and Redis may come back without its log.
     */
    static final Duration RECENT = Duration.ofSeconds(5);

    private record Delivery(TenantId tenant, byte[] body, String signature, java.time.Instant at) {
    }
    private final java.time.Clock clock;
    private volatile HttpClient http;

    /**
     * @param peers  the other instances' base URLs
     * @param needed whether a change made here may not reach the peers through the shared tier now
     */
    public WebhookRelay(Supplier<List<URI>> peers, BooleanSupplier needed, java.time.Clock clock) {
        this.clock = clock;
        this.peers = peers;
        this.needed = needed;
    }

    /** Relays one verified, first-seen delivery of {@code tenant} to every peer, in the background, when needed. */
    void relay(TenantId tenant, byte[] body, String signature) {
        if (peers.get().isEmpty()) {
            return;
        }
        java.time.Instant now = clock.instant();
        recent.addLast(new Delivery(tenant, body, signature, now));
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(now.minus(RECENT))) {
            recent.pollFirst();
        }
        if (needed.getAsBoolean()) {
            send(tenant, body, signature);
        }
    }

    /**
     * The shared tier was just lost: the deliveries of the last few seconds, which went out on its channel, are
     * relayed too, since the channel may have lost them on the way. A peer that did hear them patches again, to the
     * same result.
     */
    public void tierLost() {
        java.time.Instant since = clock.instant().minus(RECENT);
        for (Delivery d : recent) {
            if (!d.at().isBefore(since)) {
                send(d.tenant(), d.body(), d.signature());
            }
        }
    }

    private void send(TenantId tenant, byte[] body, String signature) {
        for (URI peer : peers.get()) {
            HttpRequest request = HttpRequest.newBuilder(peer.resolve("/webhooks/calcom/" + tenant.value()))
                    .timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, signature)
                    .header(HEADER, "1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            client().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 200) {
                    relayed.increment();
                } else {
                    failed.increment();
                    LOG.warn("relaying a webhook of tenant {} to {} failed: {}", tenant, peer,
                            error != null ? error.toString() : "HTTP " + response.statusCode());
                }
            });
        }
    }

    /** Deliveries passed on to a peer that took them. */
    public long relayed() {
        return relayed.sum();
    }

    /** Deliveries a peer could not be given. */
    public long failed() {
        return failed.sum();
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
                            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
                }
                c = http;
            }
        }
        return c;
    }
}
