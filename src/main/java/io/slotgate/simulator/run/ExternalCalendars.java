package io.slotgate.simulator.run;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.simulator.generator.SimEvent;
import io.slotgate.slots.Slot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The hosts' external calendars: busy blocks added and removed, of which Cal.com sends no webhook. */
final class ExternalCalendars {
    private final CalcomEmulator emulator;
    private final Judge judge;
    private final Clock clock;
    private final List<String> blocks = new ArrayList<>();

    ExternalCalendars(CalcomEmulator emulator, Judge judge, Clock clock) {
        this.emulator = emulator;
        this.judge = judge;
        this.clock = clock;
    }

    /** Removes one of the blocks added so far, or adds an hour's block where the host is free within a week. */
    void change(SimEvent.ExternalChange c) {
        if (!c.add() && !blocks.isEmpty()) {
            emulator.removeBusyBlock(blocks.remove((int) (c.hostPick() * blocks.size())));
            return;
        }
        List<Long> hosts = emulator.eventType(c.eventTypeId()).orElseThrow().hostIds();
        long host = hosts.get((int) (c.hostPick() * hosts.size()));
        List<Slot> free = emulator.availableSlots(c.eventTypeId(), judge.lengthOf(c.eventTypeId()),
                Judge.horizon(clock.instant(), 7));
        if (free.isEmpty()) {
            return;
        }
        Instant start = free.get((int) (c.timePick() * free.size())).start();
        blocks.add(emulator.addBusyBlock(host, start, start.plus(Duration.ofHours(1))));
    }
}
