package io.slotgate.simulator.generator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload a simulation replays; every number of DESIGN.md §1 is a parameter, with that number as its default.
 * Times of day (the peak hours) are read in {@code zone}, where the demo tenant's front-ends live.
 */
public record Workload(int eventTypes, int days, LocalDate firstDay, ZoneId zone,
                       double peakQueriesPerMinute, double offPeakQueriesPerMinute, List<PeakHours> peaks,
                       double shareSlots7, double shareNextAvailable, double shareOneDay,
                       int nextSearchDays, int nextMaxDays, int oneDayHorizonDays,
                       double peakBookingsPerHour, double offPeakBookingsPerHour,
                       double cancelShare, double rescheduleShare, double externalShare,
                       double bookingsThroughSlotgate,
                       double webhookMedianSeconds, double webhookP99Seconds, double webhookLoss,
                       int latencyMinMs, int latencyMaxMs, int rateLimitPerMinute) {

    /** One peak period, [from, to) local time. */
    public record PeakHours(LocalTime from, LocalTime to) {
        public boolean contains(LocalTime t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    public Workload {
        peaks = List.copyOf(peaks);
        if (eventTypes < 1 || eventTypes > 10) {
            throw new IllegalArgumentException("eventTypes must be 1-10 (the demo tenant has ten), got " + eventTypes);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
        if (Math.abs(shareSlots7 + shareNextAvailable + shareOneDay - 1.0) > 1e-9) {
            throw new IllegalArgumentException("the query mix must add up to 1");
        }
        for (double share : new double[]{cancelShare, rescheduleShare, externalShare, bookingsThroughSlotgate, webhookLoss}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("shares and rates must be within [0, 1]");
            }
        }
        if (externalShare >= 1) {
            throw new IllegalArgumentException("externalShare must be below 1");
        }
    }

    /** DESIGN.md §1, on Monday 7 January 2030 in Europe/Berlin. */
    public static Workload seed() {
        return new Workload(10, 1, LocalDate.of(2030, 1, 7), ZoneId.of("Europe/Berlin"),
                10, 2, List.of(new PeakHours(LocalTime.of(8, 0), LocalTime.of(10, 0)),
                new PeakHours(LocalTime.of(14, 0), LocalTime.of(16, 0))),
                0.6, 0.3, 0.1, 14, 90, 14,
                1.5, 0.5, 0.10, 0.05, 0.20, 0.5,
                1.0, 10.0, 0.01,
                300, 800, 120);
    }

    public boolean isPeak(LocalTime localTime) {
        return peaks.stream().anyMatch(p -> p.contains(localTime));
    }

    /** External changes are {@code externalShare} of all availability changes; bookings are the rest. */
    public double externalChangesPerBooking() {
        return externalShare / (1 - externalShare);
    }

    public Workload with(java.util.function.UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> m = change.apply(new LinkedHashMap<>(fields()));
        return new Workload((int) m.get("eventTypes"), (int) m.get("days"), firstDay, zone,
                (double) m.get("peakQueriesPerMinute"), (double) m.get("offPeakQueriesPerMinute"), peaks,
                shareSlots7, shareNextAvailable, shareOneDay, nextSearchDays, nextMaxDays, oneDayHorizonDays,
                (double) m.get("peakBookingsPerHour"), (double) m.get("offPeakBookingsPerHour"),
                cancelShare, rescheduleShare, (double) m.get("externalShare"), bookingsThroughSlotgate,
                webhookMedianSeconds, webhookP99Seconds, (double) m.get("webhookLoss"),
                latencyMinMs, latencyMaxMs, rateLimitPerMinute);
    }

    private Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventTypes", eventTypes);
        m.put("days", days);
        m.put("peakQueriesPerMinute", peakQueriesPerMinute);
        m.put("offPeakQueriesPerMinute", offPeakQueriesPerMinute);
        m.put("peakBookingsPerHour", peakBookingsPerHour);
        m.put("offPeakBookingsPerHour", offPeakBookingsPerHour);
        m.put("externalShare", externalShare);
        m.put("webhookLoss", webhookLoss);
        return m;
    }

    /** Every parameter as text, for the report. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("event types", Integer.toString(eventTypes));
        d.put("simulated days", days + " from " + firstDay + " (" + firstDay.getDayOfWeek() + ")");
        d.put("time zone of the front-ends", zone.getId());
        List<String> peakText = new ArrayList<>();
        peaks.forEach(p -> peakText.add(p.from() + "-" + p.to()));
        d.put("peak hours", String.join(", ", peakText));
        d.put("queries per minute per event type", peakQueriesPerMinute + " at peak, " + offPeakQueriesPerMinute + " otherwise");
        d.put("query mix", pct(shareSlots7) + " slots in the next 7 days, " + pct(shareNextAvailable)
                + " next available (" + nextSearchDays + "-day search, up to " + nextMaxDays + "), " + pct(shareOneDay)
                + " one given day (within " + oneDayHorizonDays + " days)");
        d.put("bookings per hour per event type", peakBookingsPerHour + " at peak, " + offPeakBookingsPerHour + " otherwise");
        d.put("cancelled / rescheduled later", pct(cancelShare) + " / " + pct(rescheduleShare));
        d.put("booked through slotgate (else on Cal.com directly)", pct(bookingsThroughSlotgate));
        d.put("changes with no webhook (external calendars)", pct(externalShare));
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
