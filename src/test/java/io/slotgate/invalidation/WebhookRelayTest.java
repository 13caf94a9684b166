package io.slotgate.invalidation;

import com.sun.net.httpserver.HttpServer;
import io.slotgate.cache.TenantId;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A peer, over a real socket, is given what Cal.com sent to this instance while the shared tier cannot carry it. */
class WebhookRelayTest {
    private record Received(String path, String body, String signature, String relayed) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicBoolean tierAway = new AtomicBoolean();
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-07T10:00:00Z"));
    private HttpServer peer;
    private WebhookRelay relay;

    @BeforeEach
    void start() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookRelay.HEADER)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        peer.start();
        URI url = URI.create("http://127.0.0.1:" + peer.getAddress().getPort());
        relay = new WebhookRelay(() -> List.of(url), tierAway::get, clock);
    }

    @AfterEach
    void stop() {
        peer.stop(0);
    }

    private static byte[] body(String id) {
        return ("{\"triggerEvent\":\"BOOKING_CREATED\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whileTheTierIsAwayADeliveryGoesToThePeerAsCalcomSentItAndMarkedRelayed() throws InterruptedException {
        tierAway.set(true);
        relay.relay(new TenantId("acme"), body("a"), "sig-a");

        Received got = received.poll(10, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.path()).isEqualTo("/webhooks/calcom/acme");
        assertThat(got.body()).isEqualTo(new String(body("a"), StandardCharsets.UTF_8));
        assertThat(got.signature()).isEqualTo("sig-a");
        assertThat(got.relayed()).isEqualTo("1");
    }

    @Test
    void withTheTierUpNothingIsRelayedUntilItIsLostAndThenOnlyTheLastSecondsDeliveries() throws InterruptedException {
        relay.relay(TenantId.DEFAULT, body("old"), "sig-old");
        clock.advance(WebhookRelay.RECENT.plusSeconds(1));
        relay.relay(TenantId.DEFAULT, body("new"), "sig-new");
        // the peer was told on the channel. The tier is lost: what was shared in the last seconds goes again, and a
        // marker sent after it shows that nothing older went
        relay.tierLost();
        Received got = received.poll(10, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.signature()).isEqualTo("sig-new");
        tierAway.set(true);
        relay.relay(TenantId.DEFAULT, body("marker"), "sig-marker");
        assertThat(received.poll(10, TimeUnit.SECONDS)).extracting(Received::signature).isEqualTo("sig-marker");
        assertThat(received).isEmpty();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> relay.relayed() == 2);
    }
}
