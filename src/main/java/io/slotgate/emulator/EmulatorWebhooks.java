package io.slotgate.emulator;

import io.slotgate.time.Scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's webhooks, sent as Cal.com sends them (NOTES §5): to every subscriber whose triggers and level
 * (organization, user, event type) match, with the body {@link WebhookBodies} writes, by {@link WebhookDelivery}:
 * signed, one attempt per subscriber, the answer ignored. Each delivery is delayed and possibly lost per the
 * {@link WebhookDeliveryModel}, and runs on the injected {@link Scheduler}: with {@link Scheduler#inline()} and
 * {@link WebhookDeliveryModel#immediate()} a webhook arrives before the booking call returns, as it can in Cal.com.
 * Reservations and external busy time send nothing.
 */
public final class EmulatorWebhooks {
    private final CalcomEmulator emulator;
    private final List<WebhookSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final WebhookBodies bodies;
    private final WebhookDelivery delivery;

    EmulatorWebhooks(CalcomEmulator emulator, long seed) {
        this.emulator = emulator;
        this.bodies = new WebhookBodies(emulator);
        this.delivery = new WebhookDelivery(seed);
    }

    /** Where deliveries are scheduled, and how late and lossy they are. */
    public EmulatorWebhooks use(Scheduler newScheduler, WebhookDeliveryModel model) {
        delivery.use(newScheduler, model);
        return this;
    }

    public WebhookSubscription subscribe(WebhookSubscription subscription) {
        subscriptions.add(Objects.requireNonNull(subscription, "subscription"));
        return subscription;
    }

    public String newId() {
        return Long.toString(nextId.getAndIncrement());
    }

    public boolean unsubscribe(String id) {
        return subscriptions.removeIf(s -> s.id().equals(id));
    }

    public List<WebhookSubscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Deliveries attempted, lost by the delivery model, and failed on the wire. */
    public long sent() {
        return delivery.sent();
    }

    public long lost() {
        return delivery.lost();
    }

    public long failed() {
        return delivery.failed();
    }

    void onBookingEvent(BookingEvent event) {
        WebhookBodies.BookingWebhook webhook = bodies.of(event);
        Booking booking = webhook.booking();
        EventTypeSpec type = emulator.eventType(booking.eventTypeId()).orElse(null);
        boolean team = type != null && type.schedulingType().isTeam();
        Long organizer = booking.hostIds().isEmpty() ? null : booking.hostIds().get(0);
        for (WebhookSubscription s : subscriptions) {
            if (s.receives(webhook.trigger(), booking.eventTypeId(), organizer, team)) {
                delivery.schedule(s, webhook.body());
            }
        }
    }

    /** OOO_CREATED for an out-of-office entry of {@code host} (NOTES §5a). */
    void outOfOffice(Host host, String uuid, long entryId, Instant start, Instant end) {
        String body = bodies.outOfOffice(host, uuid, entryId, start, end);
        for (WebhookSubscription s : subscriptions) {
            if (s.receives("OOO_CREATED", null, host.id(), false)) {
                delivery.schedule(s, body);
            }
        }
    }
}
