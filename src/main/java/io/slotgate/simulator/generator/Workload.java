package io.slotgate.simulator.generator;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The workload a simulation replays; every number of DESIGN.md §1 is a parameter, with that number as its default
 * ({@link #seed()}), and the presets of the pressure issue are other values of the same parameters
 * ({@link #bookingRush()}, {@link #coldStorm()}). Times of day (the peak hours, the start) are read in {@code zone},
 * where the tenant's front-ends live.
 *
 * @param name                    the preset it came from, for the report
 * @param eventTypes              event types asked about, 1001 onwards; beyond the demo tenant's ten the tenant is
 *                                generated ({@link GeneratedTenant})
 * @param hosts                   hosts of the tenant; 0 means the demo's four per ten event types
 * @param startTime               local time of day the simulation starts, on {@code firstDay}
 * @param minutes                 simulated minutes per seed (a day is 1440)
 * @param shareSlots14            queries for the next 14 days (after the 7-day share and next available in the mix)
 * @param oneDayFirstOffset       the nearest day a one-day query asks about (0 = today)
 * @param oneDayHorizonDays       how many days from there a one-day query may ask about
 * @param shareStartingNow        range queries whose start is the instant of asking, not the day's start
 * @param queryZones              the time zones queries are asked in (local days); empty asks in UTC days
 * @param shareWithDuration       queries of multi-length event types that name a {@code duration} among its lengths
 * @param clients                 0: queries arrive as Poisson processes; N: N clients each send their next query
 *                                when the previous one was answered or refused, {@code closedLoopQueries} in all
 * @param closedLoopQueries       queries the closed-loop clients send in all
 * @param followUpMinSeconds      a cancel or reschedule happens at least this long after its booking
 * @param followUpSpreadSeconds   and at most this much later than that
 * @param externalAddShare        external calendar changes that add a busy block (the rest remove one)
 * @param directBookersSeeCalcom  whether a booker on Cal.com's own page picks among Cal.com's slots (else among the
 *                                policy's answer, like a booker on a front-end)
 */
public record Workload(String name, int eventTypes, int hosts,
                       LocalDate firstDay, LocalTime startTime, long minutes, ZoneId zone,
                       double peakQueriesPerMinute, double offPeakQueriesPerMinute, List<PeakHours> peaks,
                       double shareSlots7, double shareNextAvailable, double shareSlots14, double shareOneDay,
                       int nextSearchDays, int nextMaxDays, int oneDayFirstOffset, int oneDayHorizonDays,
                       double shareStartingNow, List<ZoneId> queryZones, double shareWithDuration,
                       int clients, int closedLoopQueries,
                       double peakBookingsPerHour, double offPeakBookingsPerHour,
                       double cancelShare, double rescheduleShare, long followUpMinSeconds, long followUpSpreadSeconds,
                       double externalShare, double externalAddShare,
                       double bookingsThroughSlotgate, boolean directBookersSeeCalcom,
                       double webhookMedianSeconds, double webhookP99Seconds, double webhookLoss,
                       int latencyMinMs, int latencyMaxMs, int rateLimitPerMinute) {

    public static final String SEED = "seed";
    public static final String BOOKING_RUSH = "booking-rush";
    public static final String COLD_STORM = "cold-storm";
    public static final List<String> PRESETS = List.of(SEED, BOOKING_RUSH, COLD_STORM);

    /** The demo tenant's size; up to it the tenant is DemoData itself, so the seed's figures stay reproducible. */
    public static final int DEMO_EVENT_TYPES = 10;
    public static final int MAX_EVENT_TYPES = 1000;

    /** One peak period, [from, to) local time. */
    public record PeakHours(LocalTime from, LocalTime to) {
        public boolean contains(LocalTime t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    public Workload {
        peaks = List.copyOf(peaks);
        queryZones = List.copyOf(queryZones);
        if (eventTypes < 1 || eventTypes > MAX_EVENT_TYPES) {
            throw new IllegalArgumentException("eventTypes must be 1-" + MAX_EVENT_TYPES + ", got " + eventTypes);
        }
        if (hosts < 0) {
            throw new IllegalArgumentException("hosts must be at least 1 (or 0 for the demo's four per ten event "
                    + "types), got " + hosts);
        }
        if (minutes < 1) {
            throw new IllegalArgumentException("the simulated period must be at least a minute, got " + minutes);
        }
        if (Math.abs(shareSlots7 + shareNextAvailable + shareSlots14 + shareOneDay - 1.0) > 1e-9) {
            throw new IllegalArgumentException("the query mix must add up to 1");
        }
        for (double share : new double[]{cancelShare, rescheduleShare, externalShare, externalAddShare,
                bookingsThroughSlotgate, webhookLoss, shareStartingNow, shareWithDuration}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("shares and rates must be within [0, 1]");
            }
        }
        if (externalShare >= 1) {
            throw new IllegalArgumentException("externalShare must be below 1");
        }
        if (oneDayFirstOffset < 0 || oneDayHorizonDays < 1) {
            throw new IllegalArgumentException("one-day queries need oneDayFirstOffset >= 0 and oneDayHorizonDays >= 1");
        }
        if (clients < 0 || (clients > 0) != (closedLoopQueries > 0)) {
            throw new IllegalArgumentException("closed-loop clients and their queries go together (both 0 or both "
                    + "positive), got clients=" + clients + ", closedLoopQueries=" + closedLoopQueries);
        }
        if (followUpMinSeconds < 1 || followUpSpreadSeconds < 1) {
            throw new IllegalArgumentException("follow-up delays must be at least a second");
        }
    }

    /** DESIGN.md §1, on Monday 7 January 2030 in Europe/Berlin, one whole day. */
    public static Workload seed() {
        return new Workload(SEED, DEMO_EVENT_TYPES, 0, LocalDate.of(2030, 1, 7), LocalTime.MIDNIGHT, 24 * 60,
                ZoneId.of("Europe/Berlin"),
                10, 2, List.of(new PeakHours(LocalTime.of(8, 0), LocalTime.of(10, 0)),
                new PeakHours(LocalTime.of(14, 0), LocalTime.of(16, 0))),
                0.6, 0.3, 0, 0.1, 14, 90, 0, 14,
                0, List.of(), 0,
                0, 0,
                1.5, 0.5, 0.10, 0.05, 600, 12 * 3600,
                0.20, 0.7,
                0.5, false,
                1.0, 10.0, 0.01,
                300, 800, 120);
    }

    /**
     * The pressure issue's booking rush: the demo tenant (10 event types sharing 4 hosts) at 20 queries a second in
     * all (next 7 days, next 14 days, one day; 20% starting now; nine zones; 20% of multi-length queries with a
     * {@code duration}), a booking on Cal.com's own page every 2 s (webhook median 0.5 s, p99 5 s, 1% lost), an
     * external calendar block every 10 s, 10% of bookings cancelled and 5% moved within a minute or so; 2 minutes from
     * 09:00 Berlin on a Monday.
     */
    public static Workload bookingRush() {
        // 20 queries/s over 10 event types = 120 per minute each; a booking every 2 s = 18 per hour each; an
        // external block every 10 s = one change per 5 bookings, so externalShare = 1/6
        return seed().with(m -> put(m, "name", BOOKING_RUSH, "startTime", LocalTime.of(9, 0), "minutes", 2L,
                "peakQueriesPerMinute", 120.0, "offPeakQueriesPerMinute", 120.0,
                "shareSlots7", 0.4, "shareNextAvailable", 0.0, "shareSlots14", 0.3, "shareOneDay", 0.3,
                "shareStartingNow", 0.2, "shareWithDuration", 0.2, "queryZones", List.of(
                        ZoneId.of("Europe/Berlin"), ZoneId.of("Europe/London"), ZoneId.of("America/New_York"),
                        ZoneId.of("America/Chicago"), ZoneId.of("America/Los_Angeles"), ZoneId.of("America/Sao_Paulo"),
                        ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Sydney")),
                "peakBookingsPerHour", 180.0, "offPeakBookingsPerHour", 180.0,
                "followUpMinSeconds", 10L, "followUpSpreadSeconds", 90L,
                "externalShare", 1.0 / 6, "externalAddShare", 1.0,
                "bookingsThroughSlotgate", 0.0, "directBookersSeeCalcom", true,
                "webhookMedianSeconds", 0.5, "webhookP99Seconds", 5.0, "webhookLoss", 0.01));
    }

    /**
     * The pressure issue's cold storm: a fresh slotgate, 64 clients sending 5,000 one-day queries over 50 event types,
     * each query for an (event type, day) no other query asks about, 100-360 days ahead; nothing else happens.
     */
    public static Workload coldStorm() {
        return seed().with(m -> put(m, "name", COLD_STORM, "eventTypes", 50, "startTime", LocalTime.of(9, 0),
                "minutes", 1L, "peakQueriesPerMinute", 0.0, "offPeakQueriesPerMinute", 0.0,
                "shareSlots7", 0.0, "shareNextAvailable", 0.0, "shareSlots14", 0.0, "shareOneDay", 1.0,
                "oneDayFirstOffset", 100, "oneDayHorizonDays", 261,
                "clients", 64, "closedLoopQueries", 5000,
                "peakBookingsPerHour", 0.0, "offPeakBookingsPerHour", 0.0, "directBookersSeeCalcom", true));
    }

    /** A preset by name: {@value #SEED}, {@value #BOOKING_RUSH} or {@value #COLD_STORM}. */
    public static Workload preset(String name) {
        return switch (name) {
            case SEED -> seed();
            case BOOKING_RUSH -> bookingRush();
            case COLD_STORM -> coldStorm();
            default -> throw new IllegalArgumentException("--workload must be one of " + PRESETS + ", got '" + name + "'");
        };
    }

    public boolean isPeak(LocalTime localTime) {
        return peaks.stream().anyMatch(p -> p.contains(localTime));
    }

    public boolean closedLoop() {
        return clients > 0;
    }

    /** Simulated days per seed, a fraction for a preset of minutes: what "per day" figures divide by. */
    public double days() {
        return minutes / (24.0 * 60);
    }

    /** The hosts the tenant has: as given, or the demo's four per (started) ten event types. */
    public int hostCount() {
        return hosts > 0 ? hosts : 4 * ((eventTypes + DEMO_EVENT_TYPES - 1) / DEMO_EVENT_TYPES);
    }

    /** Whether the tenant is DemoData itself (ids 1001-1010 and its four hosts), as it has always been. */
    public boolean demoTenant() {
        return eventTypes <= DEMO_EVENT_TYPES && hostCount() == 4;
    }

    /** External changes are {@code externalShare} of all availability changes; bookings are the rest. */
    public double externalChangesPerBooking() {
        return externalShare / (1 - externalShare);
    }

    /**
     * A copy with some parameters changed: {@code change} gets every parameter by its component name and returns the
     * map to build from. Numbers are converted to the parameter's type, so {@code --set} may give every value as a
     * double.
     */
    public Workload with(UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> m = change.apply(fields());
        RecordComponent[] components = Workload.class.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            if (!m.containsKey(c.getName())) {
                throw new IllegalArgumentException("a workload needs '" + c.getName() + "'");
            }
            args[i] = coerce(c, m.get(c.getName()));
        }
        try {
            return (Workload) Workload.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The numeric parameters, the ones {@code --set} may change. */
    public static List<String> numericParameters() {
        return Arrays.stream(Workload.class.getRecordComponents())
                .filter(c -> c.getType() == int.class || c.getType() == long.class || c.getType() == double.class)
                .map(RecordComponent::getName).toList();
    }

    private Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : Workload.class.getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    private static Object coerce(RecordComponent c, Object value) {
        if (value instanceof Number n) {
            if (c.getType() == int.class) {
                return wholeNumber(c, n, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
            }
            if (c.getType() == long.class) {
                return wholeNumber(c, n, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if (c.getType() == double.class) {
                return n.doubleValue();
            }
        }
        if (c.getType() == boolean.class && value instanceof Boolean) {
            return value;
        }
        if (c.getType().isPrimitive() || value == null || !c.getType().isInstance(value)) {
            throw new IllegalArgumentException(c.getName() + " must be a " + c.getType().getSimpleName() + ", got " + value);
        }
        return value;
    }

    private static Long wholeNumber(RecordComponent c, Number n, long least, long most) {
        double d = n.doubleValue();
        if (d != Math.rint(d) || d < least || d > most) {
            throw new IllegalArgumentException(c.getName() + " must be a whole number, got " + n);
        }
        return n.longValue();
    }

    private static Map<String, Object> put(Map<String, Object> m, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!m.containsKey((String) keyValues[i])) {
                throw new IllegalArgumentException("no workload parameter '" + keyValues[i] + "'");
            }
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Every parameter as text, for the report. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("workload", name);
        d.put("event types", eventTypes + (demoTenant() ? " (the demo tenant)" : " over " + hostCount()
                + " hosts (generated: the demo tenant's pattern repeated)"));
        d.put("simulated period", minutes % (24 * 60) == 0 && startTime.equals(LocalTime.MIDNIGHT)
                ? (minutes / (24 * 60)) + " day(s) from " + firstDay + " (" + firstDay.getDayOfWeek() + ")"
                : minutes + " min from " + firstDay + " " + startTime + " (" + firstDay.getDayOfWeek() + ")"
                + (closedLoop() ? ", or until the clients' last query is answered" : ""));
        d.put("time zone of the front-ends", zone.getId());
        if (closedLoop()) {
            d.put("queries", clients + " clients, each sending its next query when the previous one is answered or "
                    + "refused, " + closedLoopQueries + " in all; no (event type, day) asked twice");
        } else {
            List<String> peakText = new ArrayList<>();
            peaks.forEach(p -> peakText.add(p.from() + "-" + p.to()));
            d.put("peak hours", String.join(", ", peakText));
            d.put("queries per minute per event type", peakQueriesPerMinute + " at peak, " + offPeakQueriesPerMinute
                    + " otherwise");
        }
        d.put("query mix", pct(shareSlots7) + " slots in the next 7 days, " + pct(shareNextAvailable)
                + " next available (" + nextSearchDays + "-day search, up to " + nextMaxDays + "), " + pct(shareSlots14)
                + " slots in the next 14 days, " + pct(shareOneDay) + " one given day (" + oneDayFirstOffset + " to "
                + (oneDayFirstOffset + oneDayHorizonDays - 1) + " days ahead)");
        d.put("query zones and shapes", (queryZones.isEmpty() ? "UTC days" : "local days in " + queryZones.size()
                + " zones (" + String.join(", ", queryZones.stream().map(ZoneId::getId).toList()) + ")")
                + "; " + pct(shareStartingNow) + " of ranges start now; " + pct(shareWithDuration)
                + " of queries of multi-length event types name a duration");
        d.put("bookings per hour per event type", peakBookingsPerHour + " at peak, " + offPeakBookingsPerHour + " otherwise");
        d.put("cancelled / rescheduled later", pct(cancelShare) + " / " + pct(rescheduleShare) + ", "
                + followUpMinSeconds + " to " + (followUpMinSeconds + followUpSpreadSeconds) + " s after the booking");
        d.put("booked through slotgate (else on Cal.com directly)", pct(bookingsThroughSlotgate)
                + (directBookersSeeCalcom ? "; a booker on Cal.com picks among Cal.com's slots"
                : "; every booker picks among the policy's answer"));
        d.put("changes with no webhook (external calendars)", pct(externalShare) + ", " + pct(externalAddShare)
                + " of them a new busy block");
        d.put("webhook delay", "log-normal, median " + webhookMedianSeconds + " s, p99 " + webhookP99Seconds + " s, "
                + pct(webhookLoss) + " lost");
        d.put("Cal.com latency", latencyMinMs + "-" + latencyMaxMs + " ms");
        d.put("Cal.com rate limit", rateLimitPerMinute + " per minute, then blocked 60 s");
        return d;
    }

    private static String pct(double share) {
        return Math.round(share * 1000) / 10.0 + "%";
    }
}
