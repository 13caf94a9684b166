package io.slotgate.emulator;

import io.slotgate.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers a webhook body to one subscriber as Cal.com does (NOTES §5d, §5e): signed with {@code X-Cal-Signature-256}
 * (lowercase hex HMAC-SHA256 of the body, or {@code no-secret-provided}), one attempt, the answer ignored; delayed or
 * lost per the {@link WebhookDeliveryModel}, on the injected {@link Scheduler}.
 */
final class WebhookDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    private final Random random;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Scheduler scheduler = Scheduler.realTime();
    private volatile WebhookDeliveryModel model = WebhookDeliveryModel.calcom();
    private volatile HttpClient http;

    WebhookDelivery(long seed) {
        this.random = new Random(seed);
    }

    void use(Scheduler newScheduler, WebhookDeliveryModel newModel) {
        this.scheduler = Objects.requireNonNull(newScheduler, "scheduler");
        this.model = Objects.requireNonNull(newModel, "model");
    }

    long sent() {
        return sent.get();
    }

    long lost() {
        return lost.get();
    }

    long failed() {
        return failed.get();
    }

    void schedule(WebhookSubscription subscription, String body) {
        Optional<Duration> delay;
        synchronized (random) {
            delay = model.sample(random);
        }
        if (delay.isEmpty()) {
            lost.incrementAndGet();
            return;
        }
        scheduler.schedule(() -> deliver(subscription, body), delay.get());
    }

    private void deliver(WebhookSubscription subscription, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Cal-Signature-256", subscription.secret().map(secret -> sign(secret, bytes))
                .orElse("no-secret-provided"));
        sent.incrementAndGet();
        try {
            if (subscription.receiver() != null) {
                subscription.receiver().accept(headers, bytes);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(subscription.subscriberUrl())
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            headers.forEach(request::header);
            // One attempt; the status is not looked at, as in Cal.com.
            client().send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.info("webhook delivery to {} failed", subscription.subscriberUrl(), e);
        }
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                c = http;
            }
        }
        return c;
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
