package io.slotgate.simulator.generator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.slotgate.simulator.generator.Workload.BOOKING_RUSH;
import static io.slotgate.simulator.generator.Workload.COLD_STORM;
import static io.slotgate.simulator.generator.Workload.DEMO_EVENT_TYPES;
import static io.slotgate.simulator.generator.Workload.PRESETS;
import static io.slotgate.simulator.generator.Workload.SEED;

/**
 * The workloads a simulation can be named: DESIGN.md §1 as the seed, and the pressure issue's two as other values of
 * the seed's parameters, so that each preset states only what it changes.
 */
final class WorkloadPresets {
    private WorkloadPresets() {
    }

    /** {@link Workload#seed()}: every figure of DESIGN.md §1, in the order of the record's components. */
    static Workload seed() {
        return new Workload(SEED, DEMO_EVENT_TYPES, 0, LocalDate.of(2030, 1, 7), LocalTime.MIDNIGHT, 24 * 60,
                ZoneId.of("Europe/Berlin"),
                10, 2, List.of(new Workload.PeakHours(LocalTime.of(8, 0), LocalTime.of(10, 0)),
                new Workload.PeakHours(LocalTime.of(14, 0), LocalTime.of(16, 0))),
                0.6, 0.3, 0, 0.1, 14, 90, 0, 14,
                0, List.of(), 0,
                0, 0,
                1.5, 0.5, 0.10, 0.05, 600, 12 * 3600,
                0.20, 0.7,
                0.5, false,
                1.0, 10.0, 0.01,
                300, 800, 120);
    }

    /** {@link Workload#bookingRush()}: the seed at 20 queries a second, a booking every 2 s, for 2 minutes. */
    static Workload bookingRush() {
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

    /** {@link Workload#coldStorm()}: 64 closed-loop clients, 5,000 one-day queries no two alike, nothing else. */
    static Workload coldStorm() {
        return seed().with(m -> put(m, "name", COLD_STORM, "eventTypes", 50, "startTime", LocalTime.of(9, 0),
                "minutes", 1L, "peakQueriesPerMinute", 0.0, "offPeakQueriesPerMinute", 0.0,
                "shareSlots7", 0.0, "shareNextAvailable", 0.0, "shareSlots14", 0.0, "shareOneDay", 1.0,
                "oneDayFirstOffset", 100, "oneDayHorizonDays", 261,
                "clients", 64, "closedLoopQueries", 5000,
                "peakBookingsPerHour", 0.0, "offPeakBookingsPerHour", 0.0, "directBookersSeeCalcom", true));
    }

    static Workload named(String name) {
        return switch (name) {
            case SEED -> seed();
            case BOOKING_RUSH -> bookingRush();
            case COLD_STORM -> coldStorm();
            default -> throw new IllegalArgumentException("--workload must be one of " + PRESETS + ", got '" + name + "'");
        };
    }

    /** Sets each of the parameters named in {@code keyValues} (name, value, name, value...); a misspelt name fails. */
    private static Map<String, Object> put(Map<String, Object> m, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!m.containsKey((String) keyValues[i])) {
                throw new IllegalArgumentException("no workload parameter '" + keyValues[i] + "'");
            }
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
