package io.slotgate.simulator.generator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
        return WorkloadPresets.seed();
    }

    /**
     * The pressure issue's booking rush: the demo tenant (10 event types sharing 4 hosts) at 20 queries a second in
     * all (next 7 days, next 14 days, one day; 20% starting now; nine zones; 20% of multi-length queries with a
     * {@code duration}), a booking on Cal.com's own page every 2 s (webhook median 0.5 s, p99 5 s, 1% lost), an
     * external calendar block every 10 s, 10% of bookings cancelled and 5% moved within a minute or so; 2 minutes from
     * 09:00 Berlin on a Monday.
     */
    public static Workload bookingRush() {
        return WorkloadPresets.bookingRush();
    }

    /**
     * The pressure issue's cold storm: a fresh slotgate, 64 clients sending 5,000 one-day queries over 50 event types,
     * each query for an (event type, day) no other query asks about, 100-360 days ahead; nothing else happens.
     */
    public static Workload coldStorm() {
        return WorkloadPresets.coldStorm();
    }

    /** A preset by name: {@value #SEED}, {@value #BOOKING_RUSH} or {@value #COLD_STORM}. */
    public static Workload preset(String name) {
        return WorkloadPresets.named(name);
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
        return WorkloadParameters.with(this, change);
    }

    /** The numeric parameters, the ones {@code --set} may change. */
    public static List<String> numericParameters() {
        return WorkloadParameters.numeric();
    }

    /** Every parameter as text, for the report. */
    public Map<String, String> describe() {
        return WorkloadDescription.of(this);
    }
}
