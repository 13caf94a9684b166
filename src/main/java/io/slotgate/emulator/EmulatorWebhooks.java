package io.slotgate.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's webhooks, sent as Cal.com sends them (NOTES §5): {@code {triggerEvent, createdAt, payload}} bodies,
 * signed with {@code X-Cal-Signature-256} (lowercase hex HMAC-SHA256 of the body, or {@code no-secret-provided}),
 * one attempt per subscriber, the answer ignored. Each delivery is delayed and possibly lost per the
 * {@link WebhookDeliveryModel}, and runs on the injected {@link Scheduler}: with {@link Scheduler#inline()} and
 * {@link WebhookDeliveryModel#immediate()} a webhook arrives before the booking call returns, as it can in Cal.com.
 * Reservations and external busy time send nothing.
 */
public final class EmulatorWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorWebhooks.class);
    private static final DateTimeFormatter OFFSET_FORM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final CalcomEmulator emulator;
    private final List<WebhookSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Random random;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Scheduler scheduler = Scheduler.realTime();
    private volatile WebhookDeliveryModel delivery = WebhookDeliveryModel.calcom();
    private volatile HttpClient http;

    EmulatorWebhooks(CalcomEmulator emulator, long seed) {
        this.emulator = emulator;
        this.random = new Random(seed);
    }

    /** Where deliveries are scheduled, and how late and lossy they are. */
    public EmulatorWebhooks use(Scheduler newScheduler, WebhookDeliveryModel model) {
        this.scheduler = Objects.requireNonNull(newScheduler, "scheduler");
        this.delivery = Objects.requireNonNull(model, "model");
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
        return sent.get();
    }

    public long lost() {
        return lost.get();
    }

    public long failed() {
        return failed.get();
    }

    // ---------------------------------------------------------------- events

    void onBookingEvent(BookingEvent event) {
        switch (event) {
            case BookingEvent.Created created -> send("BOOKING_CREATED", created.booking(), bookingPayload(created.booking()));
            case BookingEvent.Cancelled cancelled -> {
                ObjectNode payload = bookingPayload(cancelled.booking());
                // The cancel path formats with dayjs().format(): offset form in the organizer's zone (NOTES §5c).
                ZoneId zone = organizerZone(cancelled.booking());
                payload.put("startTime", OFFSET_FORM.format(cancelled.booking().start().atZone(zone)));
                payload.put("endTime", OFFSET_FORM.format(cancelled.booking().end().atZone(zone)));
                payload.put("status", "CANCELLED");
                payload.put("cancellationReason", cancelled.booking().cancellationReason());
                payload.put("cancelledBy", cancelled.booking().attendeeEmail());
                send("BOOKING_CANCELLED", cancelled.booking(), payload);
            }
            case BookingEvent.Rescheduled moved -> {
                ObjectNode payload = bookingPayload(moved.newBooking());
                payload.put("rescheduleId", moved.oldBooking().id());
                payload.put("rescheduleUid", moved.oldBooking().uid());
                payload.put("rescheduleStartTime", utc(moved.oldBooking().start()));
                payload.put("rescheduleEndTime", utc(moved.oldBooking().end()));
                payload.put("rescheduledBy", moved.oldBooking().attendeeEmail());
                send("BOOKING_RESCHEDULED", moved.newBooking(), payload);
            }
        }
    }

    /** OOO_CREATED for an out-of-office entry of {@code host} (NOTES §5a). */
    void outOfOffice(Host host, String uuid, long entryId, Instant start, Instant end) {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        ObjectNode entry = payload.putObject("oooEntry");
        entry.put("id", entryId);
        entry.put("uuid", uuid);
        entry.put("start", utc(start));
        entry.put("end", utc(end));
        entry.put("createdAt", utc(emulator.clock().instant()));
        entry.put("updatedAt", utc(emulator.clock().instant()));
        entry.put("notes", "");
        entry.putNull("reason");
        entry.putNull("reasonId");
        ObjectNode user = entry.putObject("user");
        user.put("id", host.id());
        user.put("name", host.name());
        user.put("username", host.username());
        user.put("email", host.email());
        user.put("timeZone", host.timeZone().getId());
        entry.putNull("toUser");
        String body = envelope("OOO_CREATED", payload);
        for (WebhookSubscription s : subscriptions) {
            if (s.receives("OOO_CREATED", null, host.id(), false)) {
                schedule(s, body);
            }
        }
    }

    // ---------------------------------------------------------------- payloads (NOTES §5c)

    private ObjectNode bookingPayload(Booking b) {
        EventTypeSpec type = emulator.eventType(b.eventTypeId()).orElse(null);
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("type", type == null ? "" : type.slug());
        p.put("title", (type == null ? "Meeting" : type.title()) + " between " + hostName(b) + " and " + b.attendeeName());
        p.put("description", "");
        p.put("additionalNotes", "");
        p.put("startTime", utc(b.start()));
        p.put("endTime", utc(b.end()));
        List<Long> hosts = b.hostIds();
        if (!hosts.isEmpty()) {
            p.set("organizer", person(hosts.get(0), b.start()));
        }
        ArrayNode attendees = p.putArray("attendees");
        ObjectNode attendee = attendees.addObject();
        attendee.put("email", b.attendeeEmail());
        attendee.put("name", b.attendeeName());
        attendee.put("timeZone", b.attendeeTimeZone());
        attendee.putObject("language").put("locale", "en");
        if (type != null && type.schedulingType().isTeam()) {
            Team owner = emulator.teamOf(type);
            ObjectNode team = p.putObject("team");
            team.put("name", owner.name());
            ArrayNode members = team.putArray("members");
            hosts.stream().skip(1).forEach(id -> members.add(person(id, b.start())));
            team.put("id", owner.id());
        }
        p.put("uid", b.uid());
        p.put("bookingId", b.id());
        p.put("eventTypeId", b.eventTypeId());
        p.put("length", b.durationMinutes());
        p.put("eventTitle", type == null ? "" : type.title());
        p.put("requiresConfirmation", false);
        p.put("price", 0);
        p.put("currency", "usd");
        p.putNull("seatsPerTimeSlot");
        p.putObject("metadata").put("videoCallUrl", "https://app.cal.com/video/" + b.uid());
        p.put("location", "https://app.cal.com/video/" + b.uid());
        p.put("iCalUID", b.uid() + "@Cal.com");
        p.put("status", b.isAccepted() ? "ACCEPTED" : "CANCELLED");
        return p;
    }

    private ObjectNode person(long hostId, Instant at) {
        ObjectNode person = Json.MAPPER.createObjectNode();
        Optional<Host> host = emulator.host(hostId);
        person.put("id", hostId);
        person.put("name", host.map(Host::name).orElse("Host"));
        person.put("email", host.map(Host::email).orElse("host-" + hostId + "@example.com"));
        person.put("username", host.map(Host::username).orElse("host" + hostId));
        ZoneId zone = host.map(Host::timeZone).orElse(ZoneId.of("UTC"));
        person.put("timeZone", zone.getId());
        person.putObject("language").put("locale", "en");
        person.put("timeFormat", "h:mma");
        person.put("utcOffset", zone.getRules().getOffset(at).getTotalSeconds() / 60);
        return person;
    }

    private String hostName(Booking b) {
        return b.hostIds().isEmpty() ? "Host"
                : emulator.host(b.hostIds().get(0)).map(Host::name).orElse("Host");
    }

    private ZoneId organizerZone(Booking b) {
        return b.hostIds().isEmpty() ? ZoneId.of("UTC")
                : emulator.host(b.hostIds().get(0)).map(Host::timeZone).orElse(ZoneId.of("UTC"));
    }

    private String envelope(String trigger, ObjectNode payload) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("triggerEvent", trigger);
        root.put("createdAt", emulator.clock().instant().truncatedTo(ChronoUnit.MILLIS).toString());
        root.set("payload", payload);
        return root.toString();
    }

    private static String utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // ---------------------------------------------------------------- delivery (NOTES §5d, §5e)

    private void send(String trigger, Booking booking, ObjectNode payload) {
        EventTypeSpec type = emulator.eventType(booking.eventTypeId()).orElse(null);
        boolean team = type != null && type.schedulingType().isTeam();
        Long organizer = booking.hostIds().isEmpty() ? null : booking.hostIds().get(0);
        String body = envelope(trigger, payload);
        for (WebhookSubscription s : subscriptions) {
            if (s.receives(trigger, booking.eventTypeId(), organizer, team)) {
                schedule(s, body);
            }
        }
    }

    private void schedule(WebhookSubscription subscription, String body) {
        Optional<Duration> delay;
        synchronized (random) {
            delay = delivery.sample(random);
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
