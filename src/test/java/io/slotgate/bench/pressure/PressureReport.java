package io.slotgate.bench.pressure;

import io.slotgate.bench.pressure.Judge.Cause;
import io.slotgate.bench.pressure.Judge.Missing;
import io.slotgate.bench.pressure.Judge.Verdict;
import io.slotgate.bench.pressure.Judge.WrongSlot;
import io.slotgate.emulator.RecordedRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The figures of one run (a record tree, written as JSON as it is) and the table they are printed as. */
final class PressureReport {
    record Result(String scenario, String commit, String startedAt, double loadSeconds, int instances, boolean redis,
                  Map<String, Object> settings, Queries queries, Spread spread, Calcom calcom,
                  BookingChurn.Counts changes, Webhooks webhooks, FalseAvailable falseAvailable,
                  FalseUnavailable falseUnavailable, AfterWebhook bookedSlotAfterWebhook, Identity identity,
                  Latency latency, Latency latencyOf200, Latency clientLatency, Map<String, Long> xCache, Cpu cpu,
                  SelfCheck judgeSelfCheck, List<Example> examples, List<String> logs) {
    }

    /** One wrongly offered slot in full, for whoever needs to find out why (a few per cause). */
    record Example(Cause cause, String query, int instance, String xCache, String answeredAt, String slotStart,
                   String takenAt, String takenBy, Double secondsSinceWebhook, boolean webhookAnsweredBefore) {
    }

    record Queries(int sent, int answered200, int unavailable503WithRetryAfter, Map<String, Integer> otherStatuses,
                   int judged, int unreadable200, Map<Integer, Long> byInstance) {
    }

    record Spread(int questions, int answered, int unanswered, int attempts, int answeredFirstTry) {
    }

    record Calcom(int callsBySlotgate, int slotsCalls, int eventTypeCalls, int otherCalls, int tooManyRequests,
                  int mostCallsInAny60s, Double callsPerAnswered, int benchBookingCalls, boolean benchCallsAccountedFor) {
    }

    record Webhooks(long sent, long lost, long failedOnTheWire, int delivered, int refusedBySlotgate,
                    Map<Integer, Long> byInstance) {
    }

    record CauseTally(String description, int answers, int slots, Double medianSecondsSinceTaken) {
    }

    record FalseAvailable(int answers, double percentOf200, int slots, Map<Cause, CauseTally> byCause) {
    }

    record FalseUnavailable(int answers, double percentOf200, int slots, Map<Missing, Integer> slotsByReason) {
    }

    /**
     * {@code askedBeforeWebhook}: slots of answers to queries asked before the webhook arrived (a fill under way);
     * {@code webhookNotYetAnswered}: slots of answers given while the instance had not yet answered the webhook.
     */
    record AfterWebhook(int answers, int slots, Double medianDelaySeconds, Double maxDelaySeconds,
                        int askedBeforeWebhook, int webhookNotYetAnswered) {
    }

    record Identity(int judged, int identical, int mismatches) {
    }

    record Latency(int count, Double p50ms, Double p95ms, Double p99ms, Double maxMs) {
    }

    record Cpu(double wallSeconds, double benchCpuSeconds, double benchCores, Map<String, Double> fleetCores,
               double machineBusyPercent, int machineCores, double loadAverageAtEnd) {
    }

    record SelfCheck(int queries, int identical, List<String> problems) {
    }

    private PressureReport() {
    }

    static Result summarize(PressureRun.Record r) {
        Judge judge = new Judge(r.eventTypes(), r.hosts());
        List<Verdict> verdicts = r.answers().stream().map(a -> judge.judge(a, r.changes())).toList();
        List<Verdict> judged = verdicts.stream().filter(v -> v.answer().judged()).toList();
        Queries queries = queries(r, judged.size());
        PressureRun.Options o = r.options();
        Map<String, Object> settings = new LinkedHashMap<>();
        if (r.scenario().isRush()) {
            settings.put("seconds", o.rushSeconds());
            settings.put("queriesPerSecond", o.rate());
        } else if (r.scenario() == Scenario.COLD_STORM) {
            settings.put("queries", o.coldQueries());
            settings.put("clients", o.coldClients());
        } else {
            settings.put("questions", o.spreadQuestions());
            settings.put("clients", o.spreadClients());
            settings.put("retries", o.spreadRetries());
        }
        settings.put("seed", o.seed());
        settings.put("eventTypes", r.scenario().eventTypes);
        return new Result(r.scenario().wireName, o.commit(), r.startedAt().toString(), seconds(r.loadTime()),
                r.scenario().instances, r.scenario().withRedis(), settings, queries, spread(r), calcom(r, queries),
                r.churn(), webhooks(r), falseAvailable(judged), falseUnavailable(judged), afterWebhook(judged),
                identity(judged), latency(r.answers().stream().map(Answer::latency).toList()),
                latency(r.answers().stream().filter(a -> a.status() == 200).map(Answer::latency).toList()),
                latency(r.replies().stream().map(LoadClient.Reply::elapsed).toList()), xCache(r), cpu(r.cpu()),
                new SelfCheck(r.selfChecks(), r.selfChecks() - r.selfCheckProblems().size(), r.selfCheckProblems()),
                examples(judged), r.logs().stream().map(Object::toString).toList());
    }

    private static Queries queries(PressureRun.Record r, int judged) {
        int ok = 0;
        int refused = 0;
        Map<String, Integer> other = new TreeMap<>();
        for (LoadClient.Reply reply : r.replies()) {
            if (reply.status() == 200) {
                ok++;
            } else if (reply.status() == 503 && reply.retryAfter() != null) {
                refused++;
            } else {
                other.merge(reply.status() == 0 ? "no answer" : reply.status() == 503 ? "503 without Retry-After"
                        : Integer.toString(reply.status()), 1, Integer::sum);
            }
        }
        int unreadable = (int) r.answers().stream().filter(a -> a.status() == 200 && a.problem() != null).count();
        return new Queries(r.replies().size(), ok, refused, other, judged, unreadable, r.answers().stream()
                .collect(Collectors.groupingBy(a -> a.instance() + 1, TreeMap::new, Collectors.counting())));
    }

    private static Spread spread(PressureRun.Record r) {
        if (r.scenario() != Scenario.SPREAD) {
            return null;
        }
        int answered = (int) r.spread().stream().filter(s -> s.status() == 200).count();
        int attempts = r.spread().stream().mapToInt(PressureRun.SpreadOutcome::attempts).sum();
        int firstTry = (int) r.spread().stream().filter(s -> s.status() == 200 && s.attempts() == 1).count();
        return new Spread(r.spread().size(), answered, r.spread().size() - answered, attempts, firstTry);
    }

    private static Calcom calcom(PressureRun.Record r, Queries queries) {
        List<RecordedRequest> bySlotgate = r.calcomRequests().stream()
                .filter(q -> !BookingChurn.isOwnCall(q.method(), q.path())).toList();
        int own = r.calcomRequests().size() - bySlotgate.size();
        int slots = (int) bySlotgate.stream().filter(q -> q.path().startsWith("/v2/slots")).count();
        int eventTypes = (int) bySlotgate.stream().filter(q -> q.path().startsWith("/v2/event-types")).count();
        int tooMany = (int) bySlotgate.stream().filter(q -> q.status() == 429).count();
        return new Calcom(bySlotgate.size(), slots, eventTypes, bySlotgate.size() - slots - eventTypes, tooMany,
                mostInAnyWindow(bySlotgate.stream().map(RecordedRequest::at).sorted().toList(), Duration.ofSeconds(60)),
                queries.answered200() == 0 ? null : round((double) bySlotgate.size() / queries.answered200(), 3),
                own, own == r.churn().ownCalls());
    }

    static int mostInAnyWindow(List<Instant> sorted, Duration window) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plus(window).isAfter(sorted.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static Webhooks webhooks(PressureRun.Record r) {
        int refused = (int) r.deliveries().stream().filter(d -> d.status() / 100 != 2).count();
        return new Webhooks(r.webhooksSent(), r.webhooksLost(), r.webhooksFailed(), r.deliveries().size(), refused,
                r.deliveries().stream().collect(Collectors.groupingBy(d -> d.instance() + 1, TreeMap::new,
                        Collectors.counting())));
    }

    static FalseAvailable falseAvailable(List<Verdict> judged) {
        Map<Cause, List<Verdict>> answersBy = new EnumMap<>(Cause.class);
        Map<Cause, List<WrongSlot>> slotsBy = new EnumMap<>(Cause.class);
        for (Verdict v : judged) {
            for (WrongSlot w : v.falseAvailable()) {
                slotsBy.computeIfAbsent(w.cause(), c -> new ArrayList<>()).add(w);
                List<Verdict> answers = answersBy.computeIfAbsent(w.cause(), c -> new ArrayList<>());
                if (answers.isEmpty() || answers.getLast() != v) {
                    answers.add(v);
                }
            }
        }
        Map<Cause, CauseTally> byCause = new EnumMap<>(Cause.class);
        for (Cause cause : Cause.values()) {
            List<WrongSlot> slots = slotsBy.getOrDefault(cause, List.of());
            byCause.put(cause, new CauseTally(cause.description, answersBy.getOrDefault(cause, List.of()).size(),
                    slots.size(), median(slots.stream().map(WrongSlot::sinceTaken).filter(Objects::nonNull).toList())));
        }
        int answers = (int) judged.stream().filter(Verdict::offeredAnyTakenSlot).count();
        int slots = judged.stream().mapToInt(v -> v.falseAvailable().size()).sum();
        return new FalseAvailable(answers, percent(answers, judged.size()), slots, byCause);
    }

    private static final int EXAMPLES_PER_CAUSE = 5;

    private static List<Example> examples(List<Verdict> judged) {
        List<Example> out = new ArrayList<>();
        Map<Cause, Integer> shown = new EnumMap<>(Cause.class);
        for (Verdict v : judged) {
            for (WrongSlot w : v.falseAvailable()) {
                if (shown.merge(w.cause(), 1, Integer::sum) > EXAMPLES_PER_CAUSE) {
                    continue;
                }
                Answer a = v.answer();
                String takenBy = switch (w.change()) {
                    case null -> null;
                    case ChangeLog.BookedTime b -> b.trigger() + " " + b.uid() + " on event type " + b.eventTypeId()
                            + ", hosts " + b.hostIds() + ", " + b.start() + " - " + b.end();
                    case ChangeLog.BlockedTime b -> "calendar block of host " + b.hostId() + ", " + b.start() + " - "
                            + b.end();
                };
                out.add(new Example(w.cause(), a.query().queryString(), a.instance(), a.cache(),
                        a.answeredAt().toString(), w.slot().start().toString(),
                        w.change() == null ? null : w.change().madeAt().toString(), takenBy,
                        w.sinceWebhook() == null ? null : seconds(w.sinceWebhook()), w.webhookDone()));
            }
        }
        return out;
    }

    static FalseUnavailable falseUnavailable(List<Verdict> judged) {
        int answers = (int) judged.stream().filter(Verdict::leftOutAnyFreeSlot).count();
        Map<Missing, Integer> byReason = new EnumMap<>(Missing.class);
        for (Missing m : Missing.values()) {
            byReason.put(m, judged.stream().mapToInt(v -> v.falseUnavailable().getOrDefault(m, 0)).sum());
        }
        int slots = byReason.values().stream().mapToInt(Integer::intValue).sum();
        return new FalseUnavailable(answers, percent(answers, judged.size()), slots, byReason);
    }

    static AfterWebhook afterWebhook(List<Verdict> judged) {
        List<Duration> delays = new ArrayList<>();
        int answers = 0;
        int askedBefore = 0;
        int notYetAnswered = 0;
        for (Verdict v : judged) {
            List<WrongSlot> own = v.falseAvailable().stream().filter(w -> w.cause() == Cause.WEBHOOK_PAST_GRACE)
                    .toList();
            own.forEach(w -> delays.add(w.sinceWebhook()));
            answers += own.isEmpty() ? 0 : 1;
            askedBefore += (int) own.stream().filter(w -> v.answer().latency().compareTo(w.sinceWebhook()) > 0).count();
            notYetAnswered += (int) own.stream().filter(w -> !w.webhookDone()).count();
        }
        return new AfterWebhook(answers, delays.size(), median(delays),
                delays.stream().max(Duration::compareTo).map(PressureReport::seconds).orElse(null), askedBefore,
                notYetAnswered);
    }

    private static Identity identity(List<Verdict> judged) {
        int identical = (int) judged.stream().filter(v -> v.answer().identical()).count();
        return new Identity(judged.size(), identical, judged.size() - identical);
    }

    static Latency latency(List<Duration> all) {
        List<Duration> sorted = all.stream().sorted().toList();
        return new Latency(sorted.size(), millis(sorted, 0.50), millis(sorted, 0.95), millis(sorted, 0.99),
                millis(sorted, 1.0));
    }

    /** Nearest rank: the smallest value with at least {@code q} of all at or below it. */
    private static Double millis(List<Duration> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return round(sorted.get(Math.max(0, rank - 1)).toNanos() / 1e6, 1);
    }

    private static Map<String, Long> xCache(PressureRun.Record r) {
        return r.answers().stream().filter(a -> a.cache() != null)
                .collect(Collectors.groupingBy(Answer::cache, TreeMap::new, Collectors.counting()));
    }

    private static Cpu cpu(CpuMeter.Usage u) {
        Map<String, Double> fleet = u.fleet().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> round(u.cores(e.getValue()), 2), (a, b) -> a, LinkedHashMap::new));
        return new Cpu(round(seconds(u.wall()), 1), round(seconds(u.bench()), 1), round(u.cores(u.bench()), 2), fleet,
                round(100 * u.machineBusy(), 1), u.cores(), u.loadAverage());
    }

    private static Double median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        return seconds(sorted.get((sorted.size() - 1) / 2));
    }

    private static double seconds(Duration d) {
        return round(d.toNanos() / 1e9, 2);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : round(100.0 * part / whole, 2);
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    // ---------------------------------------------------------------- the table

    /** One markdown table, a column per result, a row per figure. */
    static String table(List<Result> results) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            for (Map.Entry<String, String> row : rows(results.get(i)).entrySet()) {
                List<String> cells = rows.computeIfAbsent(row.getKey(), k -> new ArrayList<>());
                while (cells.size() < i) {
                    cells.add("");
                }
                cells.add(row.getValue());
            }
        }
        StringBuilder out = new StringBuilder("| |");
        results.forEach(r -> out.append(' ').append(r.scenario()).append(" |"));
        out.append("\n|---|").append("---|".repeat(results.size())).append('\n');
        rows.forEach((label, cells) -> {
            out.append("| ").append(label).append(" |");
            for (int i = 0; i < results.size(); i++) {
                out.append(' ').append(i < cells.size() ? cells.get(i) : "").append(" |");
            }
            out.append('\n');
        });
        return out.toString();
    }

    private static Map<String, String> rows(Result r) {
        Map<String, String> row = new LinkedHashMap<>();
        Queries q = r.queries();
        row.put("slotgate instances", r.instances() + (r.redis() ? " + Redis" : ""));
        row.put("queries sent", Integer.toString(q.sent()));
        row.put("answered 200", count(q.answered200(), q.sent()));
        row.put("503 with Retry-After", count(q.unavailable503WithRetryAfter(), q.sent()));
        row.put("other statuses", q.otherStatuses().isEmpty() ? "0" : q.otherStatuses().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")));
        Spread s = r.spread();
        row.put("spread: questions answered (503s retried after Retry-After)", s == null ? "-" : s.answered() + " of "
                + s.questions() + " (" + s.answeredFirstTry() + " on the first try, " + s.attempts() + " tries)");
        Calcom c = r.calcom();
        row.put("Cal.com calls with slotgate's key", c.callsBySlotgate() + " (slots " + c.slotsCalls()
                + ", event types " + c.eventTypeCalls() + (c.otherCalls() > 0 ? ", other " + c.otherCalls() : "") + ")");
        row.put("429s Cal.com sent to slotgate's key", Integer.toString(c.tooManyRequests()));
        row.put("most calls in any 60 s (Cal.com allows 120)", Integer.toString(c.mostCallsInAny60s()));
        row.put("calls per answered query", c.callsPerAnswered() == null ? "-" : format(c.callsPerAnswered(), 3));
        FalseAvailable fa = r.falseAvailable();
        row.put("false-available answers", count(fa.answers(), q.judged()) + ", " + fa.slots() + " slots");
        for (Map.Entry<Cause, CauseTally> e : fa.byCause().entrySet()) {
            CauseTally t = e.getValue();
            row.put("&nbsp;&nbsp;cause: " + t.description(), t.answers() + " answers, " + t.slots() + " slots"
                    + (t.medianSecondsSinceTaken() == null ? "" : ", taken a median " + format(t.medianSecondsSinceTaken(), 1) + " s before"));
        }
        FalseUnavailable fu = r.falseUnavailable();
        row.put("false-unavailable answers", count(fu.answers(), q.judged()) + ", " + fu.slots() + " slots ("
                + fu.slotsByReason().getOrDefault(Missing.FREED_BY_CANCEL, 0) + " freed by a cancel or reschedule)");
        AfterWebhook w = r.bookedSlotAfterWebhook();
        row.put("booked slot offered > 1 s after its webhook reached slotgate", w.answers() + " answers, " + w.slots()
                + " slots" + (w.medianDelaySeconds() == null ? "" : ", median " + format(w.medianDelaySeconds(), 1)
                + " s, max " + format(w.maxDelaySeconds(), 1) + " s; of the slots, " + w.askedBeforeWebhook()
                + " answered queries asked before the webhook, " + w.webhookNotYetAnswered()
                + " came before the instance had answered the webhook"));
        row.put("200 answers not byte-identical to the emulator's", r.identity().mismatches() + " of "
                + r.identity().judged());
        row.put("latency p50 / p95 / p99 (all answers)", latency(r.latency()));
        row.put("latency p50 / p95 / p99 (200 answers)", latency(r.latencyOf200()));
        row.put("X-Cache", r.xCache().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        BookingChurn.Counts ch = r.changes();
        boolean rush = r.scenario().startsWith("rush");
        row.put("bookings / blocks / cancels / reschedules", !rush ? "-" : ch.bookings() + " / " + ch.blocks() + " / "
                + ch.cancels() + " / " + ch.reschedules() + (ch.refused() > 0 ? " (" + ch.refused() + " refused)" : ""));
        Webhooks h = r.webhooks();
        row.put("webhooks sent / lost / reached slotgate / refused by it", !rush ? "-" : h.sent() + h.lost() + " / "
                + h.lost() + " / " + h.delivered() + " / " + h.refusedBySlotgate());
        row.put("queries / webhooks per instance", r.instances() == 1 ? "-"
                : join(q.byInstance()) + " / " + join(r.webhooks().byInstance()));
        Cpu cpu = r.cpu();
        row.put("CPU, cores busy (bench JVM / slotgate / redis / machine)", format(cpu.benchCores(), 2) + " / "
                + cpu.fleetCores().entrySet().stream().filter(e -> e.getKey().startsWith("slotgate"))
                .map(e -> format(e.getValue(), 2)).collect(Collectors.joining(" + "))
                + " / " + (cpu.fleetCores().containsKey("redis") ? format(cpu.fleetCores().get("redis"), 2) : "-")
                + " / " + format(cpu.machineBusyPercent() * cpu.machineCores() / 100, 2) + " of " + cpu.machineCores()
                + " (load average " + format(cpu.loadAverageAtEnd(), 1) + ")");
        row.put("judge's truth = emulator's own answer", r.judgeSelfCheck().identical() + " of "
                + r.judgeSelfCheck().queries() + " checked");
        return row;
    }

    private static String join(Map<Integer, Long> perInstance) {
        return perInstance.values().stream().map(Object::toString).collect(Collectors.joining(" + "));
    }

    private static String count(int n, int of) {
        return n + " (" + format(of == 0 ? 0 : 100.0 * n / of, 1) + "%)";
    }

    private static String latency(Latency l) {
        return l.count() == 0 ? "-" : format(l.p50ms(), 0) + " / " + format(l.p95ms(), 0) + " / "
                + format(l.p99ms(), 0) + " ms";
    }

    private static String format(double value, int places) {
        return String.format(Locale.ROOT, "%,." + places + "f", value);
    }
}
