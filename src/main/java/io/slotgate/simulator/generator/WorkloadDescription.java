package io.slotgate.simulator.generator;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A workload in words for the report: one line per aspect (the period, the queries, the bookings, Cal.com). */
final class WorkloadDescription {
    private WorkloadDescription() {
    }

    static Map<String, String> of(Workload w) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("workload", w.name());
        d.put("event types", w.eventTypes() + (w.demoTenant() ? " (the demo tenant)" : " over " + w.hostCount()
                + " hosts (generated: the demo tenant's pattern repeated)"));
        d.put("simulated period", w.minutes() % (24 * 60) == 0 && w.startTime().equals(LocalTime.MIDNIGHT)
                ? (w.minutes() / (24 * 60)) + " day(s) from " + w.firstDay() + " (" + w.firstDay().getDayOfWeek() + ")"
                : w.minutes() + " min from " + w.firstDay() + " " + w.startTime() + " (" + w.firstDay().getDayOfWeek()
                + ")" + (w.closedLoop() ? ", or until the clients' last query is answered" : ""));
        d.put("time zone of the front-ends", w.zone().getId());
        if (w.closedLoop()) {
            d.put("queries", w.clients() + " clients, each sending its next query when the previous one is answered or "
                    + "refused, " + w.closedLoopQueries() + " in all; no (event type, day) asked twice");
        } else {
            List<String> peakText = new ArrayList<>();
            w.peaks().forEach(p -> peakText.add(p.from() + "-" + p.to()));
            d.put("peak hours", String.join(", ", peakText));
            d.put("queries per minute per event type", w.peakQueriesPerMinute() + " at peak, "
                    + w.offPeakQueriesPerMinute() + " otherwise");
        }
        d.put("query mix", pct(w.shareSlots7()) + " slots in the next 7 days, " + pct(w.shareNextAvailable())
                + " next available (" + w.nextSearchDays() + "-day search, up to " + w.nextMaxDays() + "), "
                + pct(w.shareSlots14()) + " slots in the next 14 days, " + pct(w.shareOneDay()) + " one given day ("
                + w.oneDayFirstOffset() + " to " + (w.oneDayFirstOffset() + w.oneDayHorizonDays() - 1) + " days ahead)");
        d.put("query zones and shapes", (w.queryZones().isEmpty() ? "UTC days" : "local days in "
                + w.queryZones().size() + " zones ("
                + String.join(", ", w.queryZones().stream().map(ZoneId::getId).toList()) + ")")
                + "; " + pct(w.shareStartingNow()) + " of ranges start now; " + pct(w.shareWithDuration())
                + " of queries of multi-length event types name a duration");
        d.put("bookings per hour per event type", w.peakBookingsPerHour() + " at peak, " + w.offPeakBookingsPerHour()
                + " otherwise");
        d.put("cancelled / rescheduled later", pct(w.cancelShare()) + " / " + pct(w.rescheduleShare()) + ", "
                + w.followUpMinSeconds() + " to " + (w.followUpMinSeconds() + w.followUpSpreadSeconds())
                + " s after the booking");
        d.put("booked through slotgate (else on Cal.com directly)", pct(w.bookingsThroughSlotgate())
                + (w.directBookersSeeCalcom() ? "; a booker on Cal.com picks among Cal.com's slots"
                : "; every booker picks among the policy's answer"));
        d.put("changes with no webhook (external calendars)", pct(w.externalShare()) + ", "
                + pct(w.externalAddShare()) + " of them a new busy block");
        d.put("webhook delay", "log-normal, median " + w.webhookMedianSeconds() + " s, p99 " + w.webhookP99Seconds()
                + " s, " + pct(w.webhookLoss()) + " lost");
        d.put("Cal.com latency", w.latencyMinMs() + "-" + w.latencyMaxMs() + " ms");
        d.put("Cal.com rate limit", w.rateLimitPerMinute() + " per minute, then blocked 60 s");
        return d;
    }

    private static String pct(double share) {
        return Math.round(share * 1000) / 10.0 + "%";
    }
}
