package io.slotgate.simulator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.app.RuntimeServices;
import io.slotgate.app.Slotgate;
import io.slotgate.availability.Availability;
import io.slotgate.availability.SlotsQuery;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorRequest;
import io.slotgate.emulator.EmulatorResponse;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.InProcessTransport;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.emulator.WebhookSubscription;
import io.slotgate.finder.Finder;
import io.slotgate.finder.NextAvailable;
import io.slotgate.invalidation.WebhookSignature;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.json.Jackson;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.simulator.PolicyResult;
import io.slotgate.simulator.generator.GeneratedTenant;
import io.slotgate.simulator.generator.SimEvent;
import io.slotgate.simulator.generator.Workload;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.Tenants;
import io.slotgate.time.MutableClock;
import io.slotgate.time.Scheduler;
import io.slotgate.time.VirtualScheduler;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One policy, one seed, in virtual time: the emulator (with its latency, rate limit and webhooks), and slotgate's
 * real tenant (cache, policy, invalidation, finder, write-through) wired as in production, but on one thread, a
 * {@link VirtualScheduler} and an in-process transport. The event stream is replayed in order; background work
 * (refreshes, warming, webhook deliveries) runs at its due instants in between.
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
    private static final String WEBHOOK_SECRET = "whsec_simulation";
    private static final String BOOKER_IP = "203.0.113.7";
    private static final Map<String, String> BOOKING_HEADERS = Map.of("cal-api-version", "2024-08-13",
            "content-type", "application/json");

    private final Workload workload;
    private final long seed;
    private final PolicyProfile profile;
    private final int judgeEvery;
    private final MutableClock clock;
    private final VirtualScheduler scheduler;
    private final CalcomEmulator emulator;
    private final Recorder recorder;
    private final AtomicLong waitedNanos = new AtomicLong();
    private final Tenant tenant;
    private final Finder finder;
    private final WriteThrough writeThrough;
    private final Judge judge;
    private final AnnouncedBookings announced;
    private final PriorityQueue<FollowUp> followUps = new PriorityQueue<>();
    private final List<String> externalBlocks = new ArrayList<>();
    private long answersSeen;
    private long followUpSeq;

    /** A cancellation or reschedule of a booking made earlier in the run. */
    private record FollowUp(Instant at, long seq, String uid, long eventTypeId, boolean cancel, boolean throughSlotgate,
                            double pick) implements Comparable<FollowUp> {
        @Override
        public int compareTo(FollowUp o) {
            int byTime = at.compareTo(o.at);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    /** @param judgeEvery judge one answer in this many (1 = all); counts are scaled to all answers */
    public PolicyRun(Workload workload, long seed, PolicyProfile profile, int judgeEvery) {
        this.workload = workload;
        this.seed = seed;
        this.profile = profile;
        this.judgeEvery = Math.max(1, judgeEvery);
        this.clock = new MutableClock(start());
        this.scheduler = new VirtualScheduler(clock);
        this.recorder = new Recorder(workload.zone());
        this.emulator = new CalcomEmulator(clock, EmulatorSettings.defaults()
                .withLatency(LatencyModel.uniform(Duration.ofMillis(workload.latencyMinMs()),
                        Duration.ofMillis(workload.latencyMaxMs())))
                .withRateLimit(workload.rateLimitPerMinute())
                .withRandomSeed(seed));
        GeneratedTenant.install(emulator, workload);
        emulator.webhooks().use(scheduler, new WebhookDeliveryModel(
                Duration.ofMillis(Math.round(workload.webhookMedianSeconds() * 1000)),
                Duration.ofMillis(Math.round(workload.webhookP99Seconds() * 1000)), workload.webhookLoss()));
        this.tenant = slotgate();
        this.finder = new Finder(tenant.availability(), clock);
        this.writeThrough = new WriteThrough(tenant.client(), tenant.invalidation().invalidator());
        this.announced = new AnnouncedBookings(emulator);
        this.judge = new Judge(emulator, announced);
        emulator.webhooks().subscribe(WebhookSubscription.inProcess("simulation", (headers, body) -> {
            announcedBy(body);
            tenant.invalidation().webhooks().receive(body, headers.get(WebhookSignature.HEADER));
        }, WEBHOOK_SECRET, WebhookSubscription.ALL_TRIGGERS));
    }

    private Instant start() {
        return workload.firstDay().atTime(workload.startTime()).atZone(workload.zone()).toInstant();
    }

    /** A webhook that tells of a new booking (created, or the new one of a reschedule) makes it known now. */
    private void announcedBy(byte[] webhook) {
        try {
            JsonNode root = JSON.readTree(webhook);
            String trigger = root.path("triggerEvent").asText();
            JsonNode uid = root.path("payload").path("uid");
            if ((trigger.equals("BOOKING_CREATED") || trigger.equals("BOOKING_RESCHEDULED")) && uid.isTextual()) {
                announced.announced(uid.asText(), clock.instant());
            }
        } catch (java.io.IOException e) {
            // not a webhook the emulator sends; slotgate's intake judges it on its own
        }
    }

    private Tenant slotgate() {
        // the staleness verifier is monitoring, not caching: its fixed cost (one call a minute) is left out, and the
        // simulator judges every answer exactly instead
        SlotgateConfig config = SlotgateConfig.defaults()
                .withCalcom(URI.create("http://calcom.simulated"), Optional.of(new Secret(EmulatorSettings.DEMO_API_KEY)))
                .withWebhookSecret(Optional.of(new Secret(WEBHOOK_SECRET)))
                .with(b -> b.verifier = io.slotgate.ops.StalenessVerifier.Settings.off());
        CalcomTransport counted = new CountingTransport(
                new InProcessTransport(emulator, "10.0.0.1", latency -> waitedNanos.addAndGet(latency.toNanos())),
                clock, recorder);
        // A wait (for a rate-budget token, before a retry) holds up only the request that waits, as on its own thread
        // in production: it is accounted to that request's latency, and the clock, which every other request and
        // background task shares, does not move. Advancing it would replay the rest of the stream late, one wait after
        // another, so that no later request ever found the queue of waiting users long, and none was refused.
        RuntimeServices runtime = new RuntimeServices(clock, d -> waitedNanos.addAndGet(d.toNanos()),
                guarded(scheduler), Runnable::run, settings -> counted, PolicyHolder.fixed(profile),
                new ActivityTracker(clock), new SplittableRandom(seed * 7919));
        Tenants tenants = Slotgate.tenants(config, runtime, Optional.empty());
        Slotgate.startBackground(tenants, runtime);
        return tenants.defaultTenant();
    }

    /**
     * slotgate's background work, on the virtual scheduler; a task that fails is dropped, as production's scheduler
     * logs and drops it (a refresh the rate budget refused, a warming round whose fill failed), instead of ending the
     * run.
     */
    private static Scheduler guarded(VirtualScheduler scheduler) {
        return (task, delay) -> scheduler.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a failed fill already counts where it matters: in the calls made and the replies given
            }
        }, delay);
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
            case SimEvent.Query q -> query(q);
            case SimEvent.Booking b -> book(b);
            case SimEvent.ExternalChange c -> externalChange(c);
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
            Duration latency = query(q);
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
        while (!followUps.isEmpty() && !followUps.peek().at().isAfter(until)) {
            FollowUp f = followUps.poll();
            moveTo(f.at());
            followUp(f);
            scheduler.runDue();
        }
    }

    // ---------------------------------------------------------------- queries

    /** Asks, records the reply and judges it; returns the reply's latency. */
    private Duration query(SimEvent.Query q) {
        waitedNanos.set(0);
        Instant now = clock.instant();
        ZoneId zone = q.zone().orElse(ZoneOffset.UTC);
        LocalDate today = LocalDate.ofInstant(now, zone);
        boolean judged = answersSeen++ % judgeEvery == 0;
        try {
            return switch (q.kind()) {
                case SLOTS_7_DAYS -> slots(q, localDays(zone, today, today.plusDays(6), q.startsNow() ? now : null), judged);
                case SLOTS_14_DAYS -> slots(q, localDays(zone, today, today.plusDays(13), q.startsNow() ? now : null),
                        judged);
                case ONE_DAY -> slots(q, localDays(zone, today.plusDays(q.dayOffset()), today.plusDays(q.dayOffset()),
                        null), judged);
                case NEXT_AVAILABLE -> next(q, judged);
            };
        } catch (io.slotgate.cache.FillFailedException e) {
            // no answer at all (Cal.com failed and nothing servable was cached): slotgate's 503, never a wrong answer
            return recorder.refused(refusal(e), now, Duration.ofNanos(waitedNanos.get()));
        }
    }

    /** From the first day's start (or {@code from}, when the query starts now) to the last day's end, in {@code zone}. */
    private static TimeRange localDays(ZoneId zone, LocalDate first, LocalDate last, Instant from) {
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
        return new TimeRange(from != null && from.isAfter(start) ? from : start, end);
    }

    /** The rate budget's own refusal carries its mark; anything else is Cal.com failing (its 429 included). */
    static Recorder.Refusal refusal(io.slotgate.cache.FillFailedException e) {
        return e.outcome() instanceof CalcomOutcome.RateLimited<?> limited && limited.response() != null
                && limited.response().header(RateBudgetInterceptor.REFUSED_HEADER).isPresent()
                ? Recorder.Refusal.RATE_BUDGET : Recorder.Refusal.UPSTREAM;
    }

    private Duration slots(SimEvent.Query q, TimeRange range, boolean judged) {
        Availability answer = tenant.availability().slots(new SlotsQuery(q.eventTypeId(), range, q.durationMinutes()));
        Duration latency = record(answer.outcome(), answer.age());
        if (judged) {
            Judge.Verdict v = judge.slots(q.eventTypeId(), lengthOf(q), range, answer.slots());
            recorder.judgement(v.falseAvailable(), v.falseUnavailable(), v.offeredAfterWebhook());
        }
        return latency;
    }

    private Duration next(SimEvent.Query q, boolean judged) {
        Instant now = clock.instant();
        long eventTypeId = q.eventTypeId();
        NextAvailable first = finder.next(eventTypeId, Optional.empty(), workload.nextSearchDays(), q.durationMinutes(),
                java.time.ZoneOffset.UTC);
        NextAvailable answer = first.found() ? first : finder.next(eventTypeId,
                Optional.of(now.plus(Duration.ofDays(workload.nextSearchDays()))),
                workload.nextMaxDays() - workload.nextSearchDays(), q.durationMinutes(), java.time.ZoneOffset.UTC);
        CacheOutcome outcome = first.found() ? first.outcome() : first.outcome().and(answer.outcome());
        Duration latency = record(outcome, first.age().compareTo(answer.age()) > 0 ? first.age() : answer.age());
        if (judged) {
            int horizon = first.found() ? workload.nextSearchDays() : workload.nextMaxDays();
            Judge.Verdict v = judge.next(eventTypeId, lengthOf(q), Judge.horizon(now, horizon), answer.slot());
            recorder.judgement(v.falseAvailable(), v.falseUnavailable(), v.offeredAfterWebhook());
        }
        return latency;
    }

    private int lengthOf(SimEvent.Query q) {
        return q.durationMinutes().orElseGet(() -> judge.lengthOf(q.eventTypeId()));
    }

    private Duration record(CacheOutcome outcome, Duration age) {
        return recorder.answer(outcome.servedFromCache(), outcome == CacheOutcome.STALE, age,
                Duration.ofNanos(waitedNanos.get()));
    }

    // ---------------------------------------------------------------- bookings

    private void book(SimEvent.Booking b) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        TimeRange week = TimeRange.utcDays(today, today.plusDays(6));
        List<Slot> offered;
        if (workload.directBookersSeeCalcom() && !b.throughSlotgate()) {
            // Cal.com's own booking page shows Cal.com's slots
            offered = emulator.availableSlots(b.eventTypeId(), judge.lengthOf(b.eventTypeId()), week);
        } else {
            try {
                offered = tenant.availability().slots(new SlotsQuery(b.eventTypeId(), week, Optional.empty())).slots();
            } catch (io.slotgate.cache.FillFailedException e) {
                return;
            }
        }
        if (offered.isEmpty()) {
            return;
        }
        Slot slot = offered.get((int) (b.pick() * Math.min(10, offered.size())));
        recorder.bookingsAttempted++;
        String body = "{\"start\":\"" + slot.start() + "\",\"eventTypeId\":" + b.eventTypeId()
                + ",\"attendee\":{\"name\":\"Simulated Booker\",\"email\":\"booker@example.com\","
                + "\"timeZone\":\"" + workload.zone().getId() + "\"}}";
        Optional<String> uid = b.throughSlotgate() ? viaSlotgate("/v2/bookings", body) : direct("/v2/bookings", body);
        if (uid.isEmpty()) {
            recorder.bookingsFailedTaken++;
            return;
        }
        if (b.cancelled()) {
            followUps.add(new FollowUp(clock.instant().plusSeconds(b.cancelAfterSeconds()), followUpSeq++, uid.get(),
                    b.eventTypeId(), true, b.throughSlotgate(), 0));
        } else if (b.rescheduled()) {
            followUps.add(new FollowUp(clock.instant().plusSeconds(b.rescheduleAfterSeconds()), followUpSeq++,
                    uid.get(), b.eventTypeId(), false, b.throughSlotgate(), b.reschedulePick()));
        }
    }

    private void followUp(FollowUp f) {
        if (f.cancel()) {
            String path = "/v2/bookings/" + f.uid() + "/cancel";
            String body = "{\"cancellationReason\":\"plans changed\"}";
            if (f.throughSlotgate()) {
                writeThrough.cancel(UpstreamRequest.forClient("POST", path, BOOKING_HEADERS, body));
            } else {
                direct(path, body);
            }
            return;
        }
        Instant now = clock.instant();
        List<Slot> free = emulator.availableSlots(f.eventTypeId(), judge.lengthOf(f.eventTypeId()),
                Judge.horizon(now, 7));
        if (free.isEmpty()) {
            return;
        }
        Slot to = free.get((int) (f.pick() * Math.min(20, free.size())));
        String path = "/v2/bookings/" + f.uid() + "/reschedule";
        String body = "{\"start\":\"" + to.start() + "\"}";
        if (f.throughSlotgate()) {
            announce(writeThrough.reschedule(f.uid(), UpstreamRequest.forClient("POST", path, BOOKING_HEADERS, body)));
        } else {
            direct(path, body);
        }
    }

    private Optional<String> viaSlotgate(String path, String body) {
        return announce(writeThrough.create(UpstreamRequest.forClient("POST", path, BOOKING_HEADERS, body)));
    }

    /** A booking made through slotgate is known to it from the moment Cal.com's answer returns. */
    private Optional<String> announce(CalcomOutcome<UpstreamResponse> outcome) {
        Optional<String> uid = outcome instanceof CalcomOutcome.Success<UpstreamResponse> ok ? uidOf(ok.value().body())
                : Optional.empty();
        uid.ifPresent(u -> announced.announced(u, clock.instant()));
        return uid;
    }

    /** Cal.com's own booking page, not slotgate: slotgate hears of it only by webhook. */
    private Optional<String> direct(String path, String body) {
        EmulatorResponse response = emulator.handle(EmulatorRequest.post(path, BOOKING_HEADERS, body)
                .withClientIp(BOOKER_IP));
        return response.status() / 100 == 2 ? uidOf(response.body()) : Optional.empty();
    }

    private static final ObjectMapper JSON = Jackson.MAPPER;

    /** The uid of a created booking: {@code data.uid}, or the first booking's for a recurring one ({@code data[]}). */
    static Optional<String> uidOf(String body) {
        try {
            JsonNode data = JSON.readTree(body).path("data");
            JsonNode booking = data.isArray() ? data.path(0) : data;
            return booking.path("uid").isTextual() ? Optional.of(booking.get("uid").asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- external calendars

    private void externalChange(SimEvent.ExternalChange c) {
        if (!c.add() && !externalBlocks.isEmpty()) {
            emulator.removeBusyBlock(externalBlocks.remove((int) (c.hostPick() * externalBlocks.size())));
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
        externalBlocks.add(emulator.addBusyBlock(host, start, start.plus(Duration.ofHours(1))));
    }
}
