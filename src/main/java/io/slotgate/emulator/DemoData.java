package io.slotgate.emulator;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

/**
 * A realistic demo tenant: four hosts on three continents and ten event types (ids 1001..1010) that mix individual,
 * round-robin and collective scheduling, lengths 15/30/45/60, slot intervals, buffers, minimum notice and multi-length
 * options, the team ones owned by one team ("demo-team"). Used by {@code slotgate emulate} and the embedded default.
 */
public final class DemoData {
    public static final long ANNA = 1;
    public static final long BEN = 2;
    public static final long PRIYA = 3;
    public static final long OLIVER = 4;
    /** The team owning the round-robin and collective event types (1006-1010), slug "demo-team". */
    public static final long DEMO_TEAM = Team.DEFAULT_ID;

    private DemoData() {
    }

    public static void install(CalcomEmulator emulator) {
        var weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        emulator.addHost(new Host(ANNA, "anna", "Anna Schmidt", "anna@example.com", ZoneId.of("Europe/Berlin"),
                List.of(new WorkingHours(weekdays, LocalTime.of(9, 0), LocalTime.of(17, 0)))));
        emulator.addHost(new Host(BEN, "ben", "Ben Carter", "ben@example.com", ZoneId.of("America/New_York"),
                List.of(new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                                LocalTime.of(8, 30), LocalTime.of(16, 30)),
                        new WorkingHours(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(13, 0)))));
        emulator.addHost(new Host(PRIYA, "priya", "Priya Sharma", "priya@example.com", ZoneId.of("Asia/Kolkata"),
                List.of(new WorkingHours(weekdays, LocalTime.of(9, 30), LocalTime.of(18, 0)),
                        new WorkingHours(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(10, 0), LocalTime.of(13, 0)))));
        emulator.addHost(new Host(OLIVER, "oliver", "Oliver Hughes", "oliver@example.com", ZoneId.of("Europe/London"),
                List.of(new WorkingHours(weekdays, LocalTime.of(8, 0), LocalTime.of(12, 0)),
                        new WorkingHours(weekdays, LocalTime.of(13, 0), LocalTime.of(17, 0)))));

        emulator.addTeam(new Team(DEMO_TEAM, "demo-team", "Demo Team", List.of(ANNA, BEN, PRIYA, OLIVER)));

        var individual = SchedulingType.INDIVIDUAL;
        var roundRobin = SchedulingType.ROUND_ROBIN;
        var collective = SchedulingType.COLLECTIVE;
        emulator.addEventType(new EventTypeSpec(1001, "intro-call", 15, List.of(), null, 0, 0, 60, individual,
                List.of(ANNA)));
        emulator.addEventType(new EventTypeSpec(1002, "consultation", 30, List.of(30, 45, 60), 15, 0, 10, 120,
                individual, List.of(ANNA)));
        emulator.addEventType(new EventTypeSpec(1003, "strategy-session", 60, List.of(), 30, 15, 15, 240, individual,
                List.of(BEN)));
        emulator.addEventType(new EventTypeSpec(1004, "office-hours", 30, List.of(), null, 0, 0, 30, individual,
                List.of(PRIYA)));
        emulator.addEventType(new EventTypeSpec(1005, "quick-sync", 15, List.of(), null, 0, 5, 15, individual,
                List.of(OLIVER)));
        emulator.addEventType(new EventTypeSpec(1006, "sales-demo", 30, List.of(), null, 0, 5, 60, roundRobin,
                List.of(ANNA, BEN, OLIVER)));
        emulator.addEventType(new EventTypeSpec(1007, "support-call", 45, List.of(), 15, 0, 0, 30, roundRobin,
                List.of(BEN, PRIYA)));
        emulator.addEventType(new EventTypeSpec(1008, "design-review", 60, List.of(), null, 10, 0, 1440, collective,
                List.of(ANNA, OLIVER)));
        emulator.addEventType(new EventTypeSpec(1009, "architecture-sync", 45, List.of(), 15, 0, 0, 120, collective,
                List.of(ANNA, PRIYA)));
        emulator.addEventType(new EventTypeSpec(1010, "discovery", 30, List.of(15, 30, 60), 15, 5, 5, 120, roundRobin,
                List.of(ANNA, BEN, PRIYA, OLIVER)));
    }
}
