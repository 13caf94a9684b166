package io.slotgate.slots;

import io.slotgate.emulator.Booking;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.emulator.EmulatorResponse;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.SchedulingType;
import io.slotgate.emulator.WorkingHours;
import io.slotgate.time.MutableClock;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random tenant in the Cal.com emulator (which computes slots as Cal.com does), filled as slotgate fills (whole UTC
 * days, at some instant, in a zone of the query's alignment class), then asked again later: the material of the
 * decisive properties of {@link CalcomLayout}.
 */
final class EmulatedWorld extends FilledWorld {
    static final String KEY = "cal_layout_key";
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/St_Johns"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Adelaide"));
    private static final int[] FREQUENCIES = {15, 20, 30, 45, 50, 60, 90};
    private static final LocalDate[] FIRST_DAYS = {LocalDate.of(2030, 1, 7), LocalDate.of(2030, 3, 30),
            LocalDate.of(2030, 3, 9), LocalDate.of(2030, 10, 26), LocalDate.of(2030, 4, 5)};
    private static final long TYPE = 900;
    private static final long OTHER = 901;

    final MutableClock clock;
    final CalcomEmulator emulator;
    final EventTypeSpec type;
    final EventTypeSpec other;
    final List<Long> hosts = new ArrayList<>();
    final StringBuilder story = new StringBuilder();

    EmulatedWorld(long seed, boolean oneFill) {
        random = new Random(seed);
        firstDay = FIRST_DAYS[random.nextInt(FIRST_DAYS.length)];
        lastDay = firstDay.plusDays(random.nextInt(4));
        clock = new MutableClock(firstDay.minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant());
        emulator = new CalcomEmulator(clock, EmulatorSettings.defaults().withLatency(LatencyModel.zero())
                .withoutSlotsCache().withApiKeys(Set.of(KEY)).withRateLimit(1_000_000));
        zone = ZONES.get(random.nextInt(ZONES.size()));
        SchedulingType scheduling = switch (random.nextInt(3)) {
            case 0 -> SchedulingType.INDIVIDUAL;
            case 1 -> SchedulingType.COLLECTIVE;
            default -> SchedulingType.ROUND_ROBIN;
        };
        int hostCount = scheduling == SchedulingType.INDIVIDUAL ? 1 : 2 + random.nextInt(2);
        for (int i = 0; i < hostCount; i++) {
            hosts.add(addHost(i + 1));
        }
        length = FREQUENCIES[random.nextInt(FREQUENCIES.length)];
        Integer interval = random.nextInt(6) == 0 ? FREQUENCIES[random.nextInt(FREQUENCIES.length)] : null;
        frequency = interval != null ? interval : length;
        notice = new int[]{0, 1, 15, 30, 60, 120}[random.nextInt(6)];
        // four tenants in ten have no buffers anywhere; the others some, on one side or both
        boolean buffered = random.nextInt(10) >= 4;
        int[] buffers = buffered ? new int[]{0, 0, 0, 5, 10, 15, 30} : new int[]{0};
        int[] others = buffered ? new int[]{0, 10, 20} : new int[]{0};
        type = new EventTypeSpec(TYPE, "layout", length, List.of(), interval, buffers[random.nextInt(buffers.length)],
                buffers[random.nextInt(buffers.length)], notice, scheduling, hosts);
        other = new EventTypeSpec(OTHER, "other", random.nextBoolean() ? 30 : 60, List.of(), null,
                others[random.nextInt(others.length)], others[random.nextInt(others.length)], 0,
                SchedulingType.INDIVIDUAL, List.of(hosts.get(0)));
        emulator.addEventType(type);
        emulator.addEventType(other);
        aggregation = scheduling == SchedulingType.ROUND_ROBIN ? FillShape.Aggregation.UNITED
                : FillShape.Aggregation.MERGED;
        stretchBefore = Math.max(type.beforeBufferMinutes(), other.beforeBufferMinutes()) + type.afterBufferMinutes();
        stretchAfter = Math.max(type.afterBufferMinutes(), other.afterBufferMinutes()) + type.beforeBufferMinutes();
        addBusyBlocks();
        book(random.nextInt(4));
        story.append("type ").append(type).append("\nother ").append(other).append('\n');
        if (oneFill) {
            slices.addAll(fill(firstDay, lastDay).values());
        } else {
            fillEveryDay();
        }
    }

    /**
     * A host with one to three working-hour rules on the same days, laid one after another within one turn of the
     * clock: a rule may run past midnight and may touch the one before (as Cal.com's editor adds a range), but no two
     * overlap (CalcomLayout's precondition: Cal.com's processWorkingHours merges overlapping rows differently when a
     * window cuts them).
     */
    private long addHost(long id) {
        ZoneId hostZone = ZONES.get(random.nextInt(ZONES.size()));
        List<WorkingHours> rules = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        int first = random.nextInt(24 * 12) * 5 + (random.nextInt(4) == 0 ? random.nextInt(5) : 0);
        int cursor = first;
        Set<DayOfWeek> days = random.nextInt(3) == 0 ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)
                : EnumSet.allOf(DayOfWeek.class);
        for (int i = 0; i < count; i++) {
            int end = Math.min(cursor + 45 + random.nextInt(600), first + 24 * 60 - 5);
            if (end <= cursor) {
                break;
            }
            rules.add(new WorkingHours(days, time(cursor), time(end)));
            // the next rule touches this one or starts after a break
            cursor = random.nextInt(3) == 0 ? end : end + 10 + random.nextInt(240);
            if (cursor >= first + 24 * 60 - 50) {
                break;
            }
        }
        if (random.nextBoolean()) {
            java.util.Collections.reverse(rules); // Cal.com merges touching rows only in one order
        }
        Host host = new Host(id, "h" + id, "Host " + id, "h" + id + "@example.com", hostZone, rules);
        emulator.addHost(host);
        story.append("host ").append(host).append('\n');
        return id;
    }

    private static LocalTime time(int minuteOfDay) {
        return LocalTime.of(minuteOfDay / 60 % 24, minuteOfDay % 60);
    }

    private void addBusyBlocks() {
        for (long host : hosts) {
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                Instant start = minuteIn(firstDay.minusDays(1), lastDay.plusDays(1));
                Instant end = start.plus(Duration.ofMinutes(7 + random.nextInt(110)));
                emulator.addBusyBlock(host, start, end);
                story.append("busy ").append(host).append(' ').append(start).append("..").append(end).append('\n');
            }
        }
    }

    Instant minuteIn(LocalDate from, LocalDate to) {
        long minutes = (to.toEpochDay() - from.toEpochDay() + 1) * 24 * 60;
        return from.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(random.nextLong(minutes)));
    }

    /** Books {@code count} random free slots of the other event type or of this one, as the clock stands. */
    List<Booking> book(int count) {
        List<Booking> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventTypeSpec booked = random.nextBoolean() ? other : type;
            List<Slot> free = emulator.availableSlots(booked.id(), booked.lengthMinutes(),
                    TimeRange.utcDays(firstDay, lastDay));
            if (free.isEmpty()) {
                continue;
            }
            Instant start = free.get(random.nextInt(free.size())).start();
            EmulatorResponse response = emulator.handle(EmulatorRequest.post("/v2/bookings",
                    Map.of("cal-api-version", EmulatorRequest.BOOKINGS_VERSION, "content-type", "application/json"),
                    "{\"start\":\"" + start + "\",\"eventTypeId\":" + booked.id()
                            + ",\"attendee\":{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"timeZone\":\"UTC\"}}"));
            if (response.status() == 201) {
                Booking booking = emulator.bookings().stream().filter(b -> b.start().equals(start)
                        && b.eventTypeId() == booked.id()).reduce((a, b) -> b).orElseThrow();
                made.add(booking);
                story.append("booked ").append(booked.slug()).append(' ').append(start).append(" hosts ")
                        .append(booking.hostIds()).append('\n');
            }
        }
        return made;
    }

    /**
     * Reserves a random free slot of the other event type or of this one, held for days, with the clock where the last
     * fill had it; returns the interval it blocks (Cal.com drops every slot that overlaps it), or null if none was
     * free.
     */
    TimeRange reserve() {
        clock.set(lastClock);
        EventTypeSpec reserved = random.nextBoolean() ? other : type;
        List<Slot> free = emulator.availableSlots(reserved.id(), reserved.lengthMinutes(),
                TimeRange.utcDays(firstDay, lastDay));
        if (free.isEmpty()) {
            return null;
        }
        Instant start = free.get(random.nextInt(free.size())).start();
        EmulatorResponse response = emulator.handle(EmulatorRequest.post("/v2/slots/reservations",
                Map.of("cal-api-version", EmulatorRequest.SLOTS_VERSION, "content-type", "application/json",
                        "authorization", "Bearer " + KEY),
                "{\"eventTypeId\":" + reserved.id() + ",\"slotStart\":\"" + start + "\",\"reservationDuration\":7200}"));
        if (response.status() != 201) {
            return null;
        }
        story.append("reserved ").append(reserved.slug()).append(' ').append(start).append('\n');
        return new TimeRange(start, start.plus(Duration.ofMinutes(reserved.lengthMinutes())));
    }

    /** The busy interval Cal.com makes of a booking for this event type: stretched by both types' buffers. */
    TimeRange stretched(Booking booking) {
        EventTypeSpec booked = booking.eventTypeId() == TYPE ? type : other;
        return new TimeRange(booking.start().minus(Duration.ofMinutes(booked.beforeBufferMinutes()
                + type.afterBufferMinutes())), booking.end().plus(Duration.ofMinutes(booked.afterBufferMinutes()
                + type.beforeBufferMinutes())));
    }

    @Override
    List<Slot> answerAt(FillShape shape, Instant at) {
        clock.set(at);
        return emulator.availableSlots(TYPE, length, new TimeRange(shape.start(), shape.knownUntil()), shape.zone());
    }

    /** Cal.com's answer at {@code now}. */
    List<Slot> truth(Instant start, Instant end, Instant now) {
        clock.set(now);
        return emulator.availableSlots(TYPE, length, new TimeRange(start, end), zone);
    }

    @Override
    public String toString() {
        return "zone=" + zone + " f=" + frequency + " L=" + length + " notice=" + notice + " stretch="
                + stretchBefore + "/" + stretchAfter + " "
                + aggregation + " days=" + firstDay + ".." + lastDay + "\n" + story + "slices=" + slices;
    }
}
