package io.slotgate.simulator.run;

import io.slotgate.finder.Finder;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.simulator.PolicyResult;
import io.slotgate.simulator.generator.SimEvent;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.time.MutableClock;
import io.slotgate.time.VirtualScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One policy, one seed, in virtual time: the emulator (with its latency, rate limit and webhooks), and slotgate's
 * real tenant (cache, policy, invalidation, finder, write-through) wired as in production, but on one thread, a
 * {@link VirtualScheduler} and an in-process transport ({@link RunWiring}). The event stream is replayed in order;
 * background work (refreshes, warming, webhook deliveries) runs at its due instants in between. The queries go to
 * {@link QueryAsker}, the bookings and their follow-ups to {@link Bookers}, the external calendar changes to
 * {@link ExternalCalendars}.
 *
 * <p>Modelling choices: an answer served from cache costs 1 ms; an answer that waited costs 1 ms plus the latencies of
 * the Cal.com calls it waited for, one after the other. Upstream calls complete in zero virtual time (their latency
 * is accounted, not waited), so a background refresh lands at the instant it started.
 *
 * <p>A wait (a user's rate-budget token, a retry's backoff) is accounted the same way: it adds to the latency of the
 * request that waits and does not move the shared clock, so requests that arrive meanwhile are served at their own
 * time and see the queue of waiting users as it is.
 *
 * <p>A closed-loop workload ({@link Workload#clients()}) has no arrival times: each client sends its next query once
 * its previous one is answered or refused, at the instant it was sent plus its latency.
 */
public final class PolicyRun {
    private final Workload workload;
    private final PolicyProfile profile;
    private final MutableClock clock;
    private final VirtualScheduler scheduler;
    private final Recorder recorder;
    private final QueryAsker queries;
    private final Bookers bookers;
    private final ExternalCalendars calendars;

    /** @param judgeEvery judge one answer in this many (1 = all); counts are scaled to all answers */
    public PolicyRun(Workload workload, long seed, PolicyProfile profile, int judgeEvery) {
        this.workload = workload;
        this.profile = profile;
        RunWiring wiring = RunWiring.of(workload, seed, profile);
        this.clock = wiring.clock();
        this.scheduler = wiring.scheduler();
        this.recorder = wiring.recorder();
        this.queries = new QueryAsker(workload, wiring, new Finder(wiring.tenant().availability(), clock),
                Math.max(1, judgeEvery));
        this.bookers = new Bookers(workload, wiring,
                new WriteThrough(wiring.tenant().client(), wiring.tenant().invalidation().invalidator()));
        this.calendars = new ExternalCalendars(wiring.emulator(), wiring.judge(), clock);
    }

    private Instant start() {
        return RunWiring.start(workload);
    }

    public PolicyResult run(List<SimEvent> events) {
        Instant end = start().plus(Duration.ofMinutes(workload.minutes()));
        if (workload.closedLoop()) {
            end = runClosedLoop(events, end);
        } else {
            for (SimEvent event : events) {
                happen(event);
            }
        }
        runFollowUpsUntil(end);
        moveTo(end);
        double days = (double) Duration.between(start(), end).toMillis() / Duration.ofDays(1).toMillis();
        return recorder.result(profile.name(), workload.eventTypes(), days);
    }

    private void happen(SimEvent event) {
        runFollowUpsUntil(event.at());
        moveTo(event.at());
        switch (event) {
            case SimEvent.Query q -> queries.query(q);
            case SimEvent.Booking b -> bookers.book(b);
            case SimEvent.ExternalChange c -> calendars.change(c);
        }
        scheduler.runDue();
    }

    /** A client of a closed loop, free from {@code at}. */
    private record Client(Instant at, int index) implements Comparable<Client> {
        @Override
        public int compareTo(Client o) {
            int byTime = at.compareTo(o.at);
            return byTime != 0 ? byTime : Integer.compare(index, o.index);
        }
    }

    /**
     * The queries go to the clients in order, each sent when its client is free; the other events happen at their
     * times in between. Returns the end of the run: the planned end, or the last reply if that is later.
     */
    private Instant runClosedLoop(List<SimEvent> events, Instant plannedEnd) {
        PriorityQueue<Client> clients = new PriorityQueue<>();
        for (int i = 0; i < workload.clients(); i++) {
            clients.add(new Client(start(), i));
        }
        List<SimEvent> timed = events.stream().filter(e -> !(e instanceof SimEvent.Query)).toList();
        int next = 0;
        Instant lastReply = plannedEnd;
        for (SimEvent event : events) {
            if (!(event instanceof SimEvent.Query q)) {
                continue;
            }
            Client client = clients.poll();
            while (next < timed.size() && !timed.get(next).at().isAfter(client.at())) {
                happen(timed.get(next++));
            }
            runFollowUpsUntil(client.at());
            moveTo(client.at());
            Instant sent = clock.instant();
            Duration latency = queries.query(q);
            scheduler.runDue();
            Instant replied = sent.plus(latency);
            lastReply = replied.isAfter(lastReply) ? replied : lastReply;
            clients.add(new Client(replied, client.index()));
        }
        while (next < timed.size()) {
            happen(timed.get(next++));
        }
        return lastReply;
    }

    /** Virtual time only moves forward; an event due at an instant already passed runs at once. */
    private void moveTo(Instant at) {
        if (at.isAfter(clock.instant())) {
            scheduler.advanceTo(at);
        } else {
            scheduler.runDue();
        }
    }

    private void runFollowUpsUntil(Instant until) {
        for (Bookers.FollowUp f = bookers.nextDue(until); f != null; f = bookers.nextDue(until)) {
            moveTo(f.at());
            bookers.followUp(f);
            scheduler.runDue();
        }
    }
}
