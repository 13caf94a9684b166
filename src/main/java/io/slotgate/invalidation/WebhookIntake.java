package io.slotgate.invalidation;

import io.slotgate.cache.TenantId;
import io.slotgate.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * One tenant's webhook endpoint, without HTTP: verify, parse, deduplicate, invalidate, in that order, and say what came
 * of it. Nothing is invalidated for a body whose signature does not verify. Every outcome is counted
 * ({@code webhooks:{outcome}} in {@link InvalidationCounters}).
 */
public final class WebhookIntake {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
    public static final int MAX_BODY_BYTES = 256 * 1024;

    /** What became of one delivery. */
    public sealed interface Verdict {
        /** Counter name of the outcome. */
        String outcome();
    }

    /** Acted on: the affected days are invalidated (or, for a trigger without effect, nothing was to be done). */
    public record Accepted(String trigger, String outcome) implements Verdict {
    }

    public record Duplicate(String trigger) implements Verdict {
        @Override
        public String outcome() {
            return "duplicate";
        }
    }

    public record Unauthorized(String message) implements Verdict {
        @Override
        public String outcome() {
            return "unauthorized";
        }
    }

    public record Malformed(String message) implements Verdict {
        @Override
        public String outcome() {
            return "malformed";
        }
    }

    public record TooLarge(String message) implements Verdict {
        @Override
        public String outcome() {
            return "oversized";
        }
    }

    private final TenantId tenant;
    private final Optional<Secret> secret;
    private final SeenWebhooks seen;
    private final Invalidator invalidator;
    private final InvalidationCounters counters;
    private final WebhookRelay relay;

    public WebhookIntake(TenantId tenant, Optional<Secret> secret, SeenWebhooks seen, Invalidator invalidator) {
        this(tenant, secret, seen, invalidator, WebhookRelay.NONE);
    }

    /** With {@code relay} passing each first-seen delivery on to the other instances while the shared tier cannot. */
    public WebhookIntake(TenantId tenant, Optional<Secret> secret, SeenWebhooks seen, Invalidator invalidator,
                         WebhookRelay relay) {
        this.relay = relay;
        this.tenant = tenant;
        this.secret = secret;
        this.seen = seen;
        this.invalidator = invalidator;
        this.counters = invalidator.counters();
    }

    /** A body over {@link #MAX_BODY_BYTES}: refused unread. */
    public Verdict tooLarge() {
        return counted(new TooLarge("the webhook body exceeds " + MAX_BODY_BYTES / 1024 + " KiB"));
    }

    public Verdict receive(byte[] body, String signature) {
        return receive(body, signature, false);
    }

    /** {@code relayed}: another instance passed this delivery on; it is acted on here and not passed on again. */
    public Verdict receive(byte[] body, String signature, boolean relayed) {
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        if (secret.isEmpty()) {
            return counted(new Unauthorized("no webhook secret is configured for tenant '" + tenant
                    + "', so no webhook can be verified; set webhook-secret (--webhook-secret / SLOTGATE_WEBHOOK_SECRET"
                    + " for the default tenant) to the secret of the Cal.com webhook"));
        }
        if (signature == null || signature.isBlank()) {
            return counted(new Unauthorized("the " + WebhookSignature.HEADER + " header is missing"));
        }
        if (WebhookSignature.NO_SECRET.equals(signature.trim())) {
            return counted(new Unauthorized("the Cal.com webhook has no secret (" + WebhookSignature.NO_SECRET
                    + "); give it the secret configured in slotgate"));
        }
        if (!WebhookSignature.matches(secret.get().reveal(), body, signature)) {
            invalidator.activity().signatureFailed(tenant);
            return counted(new Unauthorized("the " + WebhookSignature.HEADER
                    + " signature does not match the body under the configured secret"));
        }
        invalidator.activity().webhookAccepted(tenant);
        WebhookEvent event;
        try {
            event = WebhookPayloads.parse(body);
        } catch (MalformedWebhookException e) {
            return counted(new Malformed(e.getMessage()));
        }
        boolean newBody = seen.firstSighting("body:" + WebhookSignature.sha256(body));
        boolean newEvent = event.identity().map(id -> seen.firstSighting("event:" + id)).orElse(true);
        if (!newBody || !newEvent) {
            return counted(new Duplicate(event.trigger()));
        }
        try {
            invalidator.apply(event);
        } catch (RuntimeException e) {
            // The invalidator catches per event type; this is the last line, so the delivery is still answered.
            counters.increment(InvalidationCounters.FAILURES);
            LOG.error("invalidation for webhook {} of tenant {} failed", event.trigger(), tenant, e);
        }
        boolean changesAvailability = event instanceof WebhookEvent.BookingChange
                || event instanceof WebhookEvent.OutOfOffice;
        if (changesAvailability && !relayed) {
            relay.relay(tenant, body, signature);
        }
        String outcome = switch (event) {
            case WebhookEvent.BookingChange c -> "accepted";
            case WebhookEvent.OutOfOffice o -> "accepted";
            case WebhookEvent.NoAvailabilityChange n -> "ignored";
            case WebhookEvent.Unrecognised u -> "unrecognised";
        };
        return counted(new Accepted(event.trigger(), outcome));
    }

    private Verdict counted(Verdict verdict) {
        counters.webhook(verdict.outcome());
        if (!(verdict instanceof Accepted)) {
            LOG.info("webhook for tenant {}: {}", tenant, verdict);
        }
        return verdict;
    }
}
