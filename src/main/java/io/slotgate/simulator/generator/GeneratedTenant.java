package io.slotgate.simulator.generator;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A tenant of any size shaped like the demo tenant: event types 1001 onwards, each a copy of one of DemoData's ten
 * (individual, round robin and collective, with their lengths, buffers and notice), in blocks of ten; hosts copies of
 * DemoData's four (zones and working hours). Block {@code b}'s event types use the demo's host pattern shifted by
 * {@code 4b}, modulo the number of hosts: with the default of four hosts per block every block has hosts of its own,
 * exactly as the demo tenant; with fewer hosts the blocks share them. The first block of a 10-event-type, 4-host
 * tenant is DemoData itself.
 */
public final class GeneratedTenant {
    private static final int BLOCK = 10;
    private static final int DEMO_HOSTS = 4;
    private static final long FIRST_EVENT_TYPE = 1001;

    private GeneratedTenant() {
    }

    /**
     * The workload's tenant: DemoData itself while it fits (at most ten event types on the demo's four hosts, so the
     * seed's figures stay what they were), else a generated one.
     */
    public static void install(CalcomEmulator emulator, Workload workload) {
        if (workload.demoTenant()) {
            DemoData.install(emulator);
        } else {
            install(emulator, workload.eventTypes(), workload.hostCount());
        }
    }

    /** Every length ({@code duration}) each event type of the workload's tenant may be asked for. */
    public static Map<Long, List<Integer>> allowedLengths(Workload workload) {
        CalcomEmulator scratch = scratch();
        install(scratch, workload);
        Map<Long, List<Integer>> lengths = new HashMap<>();
        scratch.eventTypes().forEach(t -> lengths.put(t.id(), t.allowedLengths()));
        return lengths;
    }

    /** Installs {@code eventTypes} event types over {@code hosts} hosts into the emulator. */
    public static void install(CalcomEmulator emulator, int eventTypes, int hosts) {
        if (eventTypes < 1 || hosts < 1) {
            throw new IllegalArgumentException("a tenant needs at least one event type and one host, got "
                    + eventTypes + " and " + hosts);
        }
        Demo demo = Demo.read();
        for (int h = 0; h < hosts; h++) {
            Host template = demo.hosts().get(h % DEMO_HOSTS);
            String suffix = h < DEMO_HOSTS ? "" : "-" + (h / DEMO_HOSTS + 1);
            emulator.addHost(new Host(h + 1, template.username() + suffix, template.name() + suffix.replace('-', ' '),
                    template.email().replace("@", suffix + "@"), template.timeZone(), template.hours()));
        }
        // the team the team event types belong to, as the demo tenant's "demo-team": every host a member, so Cal.com
        // lists it (GET /v2/teams) to the key's owner, as it would a real tenant's team
        List<Long> members = new ArrayList<>();
        for (long h = 1; h <= hosts; h++) {
            members.add(h);
        }
        emulator.addTeam(new io.slotgate.emulator.Team(io.slotgate.emulator.Team.DEFAULT_ID, "demo-team", "Demo Team",
                members));
        for (int e = 0; e < eventTypes; e++) {
            int block = e / BLOCK;
            EventTypeSpec t = demo.eventTypes().get(e % BLOCK);
            LinkedHashSet<Long> hostIds = new LinkedHashSet<>();
            for (long demoHost : t.hostIds()) {
                hostIds.add((long) ((DEMO_HOSTS * block + demoHost - 1) % hosts) + 1);
            }
            emulator.addEventType(new EventTypeSpec(FIRST_EVENT_TYPE + e, t.slug() + (block == 0 ? "" : "-" + (block + 1)),
                    t.lengthMinutes(), t.lengthOptions(), t.slotIntervalMinutes(), t.beforeBufferMinutes(),
                    t.afterBufferMinutes(), t.minimumBookingNoticeMinutes(), t.schedulingType(),
                    new ArrayList<>(hostIds)));
        }
    }

    private static CalcomEmulator scratch() {
        return new CalcomEmulator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), EmulatorSettings.defaults());
    }

    /** DemoData's hosts (ids 1-4) and event types (1001-1010), in id order, read from a scratch emulator. */
    private record Demo(List<Host> hosts, List<EventTypeSpec> eventTypes) {
        static Demo read() {
            CalcomEmulator scratch = scratch();
            DemoData.install(scratch);
            List<Host> hosts = new ArrayList<>(scratch.hosts());
            List<EventTypeSpec> types = new ArrayList<>(scratch.eventTypes());
            if (hosts.size() != DEMO_HOSTS || types.size() != BLOCK) {
                throw new IllegalStateException("the demo tenant is expected to have " + DEMO_HOSTS + " hosts and "
                        + BLOCK + " event types, has " + hosts.size() + " and " + types.size());
            }
            return new Demo(hosts, types);
        }
    }
}
