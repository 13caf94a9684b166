package io.slotgate.bench.pressure;

import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.EmulatorServer;
import io.slotgate.emulator.EventTypeSpec;
import io.slotgate.emulator.Host;
import io.slotgate.emulator.RecordedRequest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One scenario from start to end: the emulator and its truth, the slotgate fleet, the balancer, the load, and
 * afterwards everything the report needs, raw. Each run has a fresh emulator, fresh slotgate processes and, with two
 * instances, a fresh Redis.
 */
final class PressureRun {
    /** How a run is set up; {@code rushSeconds} and {@code rate} are the rush's, the counts the other scenarios'. */
    record Options(Path jar, Path outDir, String commit, int rushSeconds, double rate, long seed, int coldQueries,
                   int coldClients, int spreadQuestions, int spreadClients, int spreadRetries, List<String> serveArgs) {
    }

    /** How one spread question ended: the attempts it took and the last status. */
    record SpreadOutcome(BenchQuery query, int attempts, int status) {
    }

    /** Everything a run leaves behind. */
    record Record(Scenario scenario, Options options, Instant startedAt, Duration loadTime, List<LoadClient.Reply> replies,
                  List<Answer> answers, List<Balancer.Delivery> deliveries, long balancerUnreachable,
                  List<SpreadOutcome> spread, BookingChurn.Counts churn, List<RecordedRequest> calcomRequests,
                  long webhooksSent, long webhooksLost, long webhooksFailed, ChangeLog.Snapshot changes,
                  CpuMeter.Usage cpu, int selfChecks, List<String> selfCheckProblems,
                  Map<Long, EventTypeSpec> eventTypes, Map<Long, Host> hosts, List<Path> logs,
                  Optional<Attack> attack) {
    }

    /** The attack's two sides: the ordinary client's replies and the attackers'. */
    record Attack(List<LoadClient.Reply> ordinary, List<LoadClient.Reply> junk) {
    }

    /** Attackers of the attack scenario, each asking its next junk question as soon as it has an answer. */
    static final int ATTACKERS = 8;
    /** Durations nobody uses, which Cal.com accepts on any event type. */
    private static final int[] ODD_DURATIONS = {7, 11, 13, 17, 19, 23, 29};

    private static final int SELF_CHECKS_BEFORE = 40;
    private static final int SELF_CHECKS_AFTER = 100;

    private final Scenario scenario;
    private final Options options;
    private final Clock clock = Clock.systemUTC();

    PressureRun(Scenario scenario, Options options) {
        this.scenario = scenario;
        this.options = options;
    }

    Record run() throws IOException, InterruptedException {
        Instant startedAt = clock.instant();
        CalcomEmulator emulator = BenchTenant.emulator(clock, options.seed(), scenario.eventTypes);
        ChangeLog log = new ChangeLog();
        emulator.addBookingListener(log::onBookingEvent);
        List<EventTypeSpec> types = BenchTenant.eventTypeIds(scenario.eventTypes).stream()
                .map(id -> emulator.eventType(id).orElseThrow()).toList();
        Truth truth = new Truth(emulator);
        List<String> problems = new ArrayList<>(selfCheck(truth, sample(types, SELF_CHECKS_BEFORE, options.seed() + 7)));
        emulator.clearRequests();

        BookingChurn churn = new BookingChurn(emulator, log, new Random(options.seed() + 1), types);
        try (EmulatorServer calcom = EmulatorServer.start(emulator, 0);
             SlotgateFleet fleet = SlotgateFleet.start(options.jar(), options.outDir().resolve("logs")
                             .resolve(scenario.wireName), scenario.instances, scenario.withRedis(),
                     URI.create("http://127.0.0.1:" + calcom.port()), options.serveArgs());
             Balancer balancer = Balancer.start(fleet.uris(), truth, id -> emulator.eventType(id).orElseThrow(), log,
                     clock);
             LoadClient client = new LoadClient(balancer.uri())) {
            BenchTenant.sendWebhooksTo(emulator, balancer.uri());
            CpuMeter meter = CpuMeter.start(fleet::cpu);
            long loadStart = System.nanoTime();
            QueryMix mix = new QueryMix(new Random(options.seed() + 2), types);
            Attack[] attack = new Attack[1];
            List<SpreadOutcome> spread = switch (scenario) {
                case ATTACK -> {
                    attack[0] = attack(mix, types, balancer.uri());
                    yield List.of();
                }
                case RUSH_1, RUSH_2, RUSH_2_REDIS_RESTART -> {
                    rush(mix, churn, client, fleet);
                    yield List.of();
                }
                case COLD_STORM -> {
                    coldStorm(mix, client);
                    yield List.of();
                }
                case SPREAD -> spread(mix, client);
            };
            Duration loadTime = Duration.ofNanos(System.nanoTime() - loadStart);
            awaitWebhooks(emulator, log, balancer);
            CpuMeter.Usage cpu = meter.stop();
            List<RecordedRequest> requests = emulator.requests();
            // After the log is read: the self-check's own calls must not count as slotgate's.
            problems.addAll(selfCheck(truth, sample(types, SELF_CHECKS_AFTER, options.seed() + 8)));
            return new Record(scenario, options, startedAt, loadTime, client.replies(), balancer.answers(),
                    balancer.deliveries(), balancer.unreachable(), spread, churn.counts(), requests,
                    emulator.webhooks().sent(), emulator.webhooks().lost(), emulator.webhooks().failed(),
                    log.snapshot(), cpu, SELF_CHECKS_BEFORE + SELF_CHECKS_AFTER, problems,
                    emulator.eventTypes().stream().collect(Collectors.toMap(EventTypeSpec::id, Function.identity())),
                    emulator.hosts().stream().collect(Collectors.toMap(Host::id, Function.identity())), fleet.logs(),
                    Optional.ofNullable(attack[0]));
        }
    }

    /** Questions of the scenario's own kind, for comparing the judge's truth with the emulator's own answers. */
    private List<BenchQuery> sample(List<EventTypeSpec> types, int count, long seed) {
        QueryMix mix = new QueryMix(new Random(seed), types);
        Instant now = clock.instant();
        return switch (scenario) {
            case RUSH_1, RUSH_2, RUSH_2_REDIS_RESTART, ATTACK -> {
                List<BenchQuery> out = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    out.add(mix.rush(now));
                }
                yield out;
            }
            case COLD_STORM -> mix.coldStorm(LocalDate.ofInstant(now, ZoneOffset.UTC), count);
            case SPREAD -> mix.spread(now, count);
        };
    }

    private static List<String> selfCheck(Truth truth, List<BenchQuery> queries) {
        return queries.stream().map(truth::differenceFromEmulator).flatMap(Optional::stream).toList();
    }

    // ---------------------------------------------------------------- the workloads

    /**
     * Queries arrive as a Poisson process at {@code rate} a second, each on its own virtual thread, whatever slotgate's
     * speed (users do not wait for each other). Every second of the run the churn may act: a booking every 2 s, a
     * block every 10 s (at 5, 15, ...), a cancel every 10 s (at 3, 13, ...), a reschedule every 10 s (at 7, 17, ...).
     */
    private void rush(QueryMix mix, BookingChurn churn, LoadClient client, SlotgateFleet fleet)
            throws InterruptedException {
        long start = System.nanoTime();
        Duration length = Duration.ofSeconds(options.rushSeconds());
        long end = start + length.toNanos();
        Thread churnThread = Thread.ofVirtual().name("churn").start(() -> {
            for (int second = 1; sleepUntil(start + Duration.ofSeconds(second).toNanos()) < end; second++) {
                if (second % 2 == 0) {
                    churn.book();
                }
                switch (second % 10) {
                    case 3 -> churn.cancel();
                    case 5 -> churn.block();
                    case 7 -> churn.reschedule();
                    default -> {
                    }
                }
            }
        });
        Thread outage = null;
        if (scenario == Scenario.RUSH_2_REDIS_RESTART) {
            // 45 s in, 25 s down in a 120 s run; a shorter run keeps the proportions.
            long killAt = start + length.toNanos() * 45 / 120;
            long backAt = killAt + length.toNanos() * 25 / 120;
            outage = Thread.ofVirtual().name("redis-outage").start(() -> {
                sleepUntil(killAt);
                fleet.stopRedis();
                sleepUntil(backAt);
                fleet.startRedis();
            });
        }
        Random arrivals = new Random(options.seed() + 3);
        List<Thread> askers = new ArrayList<>();
        double next = start;
        while (true) {
            next += -Math.log(1 - arrivals.nextDouble()) / options.rate() * 1e9;
            if (next >= end) {
                break;
            }
            sleepUntil((long) next);
            BenchQuery query = mix.rush(clock.instant());
            askers.add(Thread.ofVirtual().start(() -> client.ask(query)));
        }
        for (Thread asker : askers) {
            asker.join(Duration.ofSeconds(90));
        }
        churnThread.join();
        if (outage != null) {
            outage.join();
        }
    }

    /**
     * Issue 15's attack: for {@code rushSeconds} (40 s in the issue), {@link #ATTACKERS} clients (each its own agent
     * token) ask as fast as they are answered, 70 % for event-type ids that do not exist and 30 % for known event
     * types with durations nobody uses; meanwhile one ordinary client (a token of its own) asks 2 ordinary questions
     * a second (the rush's mix), each on its own thread.
     */
    private Attack attack(QueryMix mix, List<EventTypeSpec> types, URI base) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(options.rushSeconds()).toNanos();
        try (LoadClient ordinary = new LoadClient(base); LoadClient junk = new LoadClient(base)) {
            List<Thread> attackers = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                String token = "attacker-" + i;
                Random random = new Random(options.seed() + 100 + i);
                attackers.add(Thread.ofVirtual().name(token).start(() -> {
                    while (System.nanoTime() < end) {
                        junk.ask(junkQuery(random, types), token);
                    }
                }));
            }
            List<Thread> askers = new ArrayList<>();
            for (long at = start; at < end; at += Duration.ofMillis(500).toNanos()) {
                sleepUntil(at);
                BenchQuery query = mix.rush(clock.instant());
                askers.add(Thread.ofVirtual().start(() -> ordinary.ask(query, "ordinary-client")));
            }
            for (Thread t : attackers) {
                t.join(Duration.ofSeconds(90));
            }
            for (Thread t : askers) {
                t.join(Duration.ofSeconds(90));
            }
            return new Attack(ordinary.replies(), junk.replies());
        }
    }

    /** 70 %: an id no event type has; 30 %: a known event type, an odd duration, one to three days in the next four weeks. */
    private BenchQuery junkQuery(Random random, List<EventTypeSpec> types) {
        LocalDate first = LocalDate.now(clock).plusDays(1 + random.nextInt(28));
        String start = first.toString();
        String end = first.plusDays(random.nextInt(3)).toString();
        if (random.nextDouble() < 0.7) {
            return new BenchQuery(UNKNOWN_IDS_FROM + random.nextInt(100_000), start, end, null, null, null);
        }
        EventTypeSpec type = types.get(random.nextInt(types.size()));
        return new BenchQuery(type.id(), start, end, null, ODD_DURATIONS[random.nextInt(ODD_DURATIONS.length)], null);
    }

    /** Where the attack's made-up event-type ids start; none of the bench's event types is numbered so high. */
    static final long UNKNOWN_IDS_FROM = 900_000;

    /** {@code coldClients} clients, each asking its next question as soon as it has an answer; one try each. */
    private void coldStorm(QueryMix mix, LoadClient client) throws InterruptedException {
        ConcurrentLinkedQueue<BenchQuery> queue = new ConcurrentLinkedQueue<>(
                mix.coldStorm(LocalDate.now(clock), options.coldQueries()));
        runClients(options.coldClients(), () -> {
            for (BenchQuery q = queue.poll(); q != null; q = queue.poll()) {
                client.ask(q);
            }
        });
    }

    /** {@code spreadClients} clients; a 503 is asked again after its Retry-After, up to {@code spreadRetries} times. */
    private List<SpreadOutcome> spread(QueryMix mix, LoadClient client) throws InterruptedException {
        ConcurrentLinkedQueue<BenchQuery> queue = new ConcurrentLinkedQueue<>(
                mix.spread(clock.instant(), options.spreadQuestions()));
        ConcurrentLinkedQueue<SpreadOutcome> outcomes = new ConcurrentLinkedQueue<>();
        runClients(options.spreadClients(), () -> {
            for (BenchQuery q = queue.poll(); q != null; q = queue.poll()) {
                LoadClient.Reply reply = client.ask(q);
                int attempts = 1;
                while (reply.status() == 503 && attempts <= options.spreadRetries()) {
                    long wait = Math.min(60, Math.max(1, reply.retryAfterSeconds().orElse(1)));
                    SlotgateFleet.sleep(Duration.ofSeconds(wait));
                    reply = client.ask(q);
                    attempts++;
                }
                outcomes.add(new SpreadOutcome(q, attempts, reply.status()));
            }
        });
        return List.copyOf(outcomes);
    }

    private static void runClients(int count, Runnable body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofVirtual().name("client-" + i).start(body));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * Waits until every webhook the emulator was to send has been sent, lost or failed, and every one sent has passed
     * the balancer (at most 60 s): a booking whose webhook never arrived is then known to be lost.
     */
    private static void awaitWebhooks(CalcomEmulator emulator, ChangeLog log, Balancer balancer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long events = log.bookingEvents();
            var hooks = emulator.webhooks();
            if (hooks.sent() + hooks.lost() >= events && balancer.deliveries().size() + hooks.failed() >= hooks.sent()) {
                return;
            }
            SlotgateFleet.sleep(Duration.ofMillis(100));
        }
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code deadline}; returns the time it woke. */
    private static long sleepUntil(long deadline) {
        long now = System.nanoTime();
        if (deadline > now) {
            SlotgateFleet.sleep(Duration.ofNanos(deadline - now));
        }
        return System.nanoTime();
    }
}
