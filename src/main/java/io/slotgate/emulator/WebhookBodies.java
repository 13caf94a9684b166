package io.slotgate.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The bodies of the emulator's webhooks as Cal.com writes them (NOTES §5c): {@code {triggerEvent, createdAt,
 * payload}}, the payload a booking's (with its organizer, attendee and team) or an out-of-office entry's.
 */
final class WebhookBodies {
    private static final DateTimeFormatter OFFSET_FORM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /** A booking's webhook: its trigger, the booking whose subscribers receive it, and its body. */
    record BookingWebhook(String trigger, Booking booking, String body) {
    }

    private final CalcomEmulator emulator;

    WebhookBodies(CalcomEmulator emulator) {
        this.emulator = emulator;
    }

    BookingWebhook of(BookingEvent event) {
        return switch (event) {
            case BookingEvent.Created created -> webhook("BOOKING_CREATED", created.booking(),
                    bookingPayload(created.booking()));
            case BookingEvent.Cancelled cancelled -> {
                ObjectNode payload = bookingPayload(cancelled.booking());
                // The cancel path formats with dayjs().format(): offset form in the organizer's zone (NOTES §5c).
                ZoneId zone = organizerZone(cancelled.booking());
                payload.put("startTime", OFFSET_FORM.format(cancelled.booking().start().atZone(zone)));
                payload.put("endTime", OFFSET_FORM.format(cancelled.booking().end().atZone(zone)));
                payload.put("status", "CANCELLED");
                payload.put("cancellationReason", cancelled.booking().cancellationReason());
                payload.put("cancelledBy", cancelled.booking().attendeeEmail());
                yield webhook("BOOKING_CANCELLED", cancelled.booking(), payload);
            }
            case BookingEvent.Rescheduled moved -> {
                ObjectNode payload = bookingPayload(moved.newBooking());
                payload.put("rescheduleId", moved.oldBooking().id());
                payload.put("rescheduleUid", moved.oldBooking().uid());
                payload.put("rescheduleStartTime", utc(moved.oldBooking().start()));
                payload.put("rescheduleEndTime", utc(moved.oldBooking().end()));
                payload.put("rescheduledBy", moved.oldBooking().attendeeEmail());
                yield webhook("BOOKING_RESCHEDULED", moved.newBooking(), payload);
            }
        };
    }

    private BookingWebhook webhook(String trigger, Booking booking, ObjectNode payload) {
        return new BookingWebhook(trigger, booking, envelope(trigger, payload));
    }

    /** OOO_CREATED's body for an out-of-office entry of {@code host} (NOTES §5a). */
    String outOfOffice(Host host, String uuid, long entryId, Instant start, Instant end) {
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
        return envelope("OOO_CREATED", payload);
    }

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
}
