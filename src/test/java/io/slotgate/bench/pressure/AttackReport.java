package io.slotgate.bench.pressure;

import io.slotgate.emulator.RecordedRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attack scenario's figures (issue 15): how the ordinary client fared, what the junk got, and what it cost on
 * Cal.com's side, read from the emulator's own request log.
 */
record AttackReport(int ordinaryAsked, int ordinaryAnswered, Map<Integer, Integer> ordinaryStatuses, long p50Ms,
                    long p95Ms, long p99Ms, int junkAsked, Map<Integer, Integer> junkStatuses, long calcomCalls,
                    long slotsCalls, long slotsCallsForUnknownIds, long eventTypeLookups,
                    long eventTypeLookupsForUnknownIds, long eventTypeLists, long rateLimited) {

    static AttackReport of(PressureRun.Attack attack, List<RecordedRequest> calcom) {
        List<Long> latencies = new ArrayList<>();
        Map<Integer, Integer> ordinary = new TreeMap<>();
        for (LoadClient.Reply r : attack.ordinary()) {
            ordinary.merge(r.status(), 1, Integer::sum);
            latencies.add(r.elapsed().toMillis());
        }
        latencies.sort(null);
        Map<Integer, Integer> junk = new TreeMap<>();
        attack.junk().forEach(r -> junk.merge(r.status(), 1, Integer::sum));
        long slots = 0;
        long slotsUnknown = 0;
        long lookups = 0;
        long lookupsUnknown = 0;
        long lists = 0;
        long limited = 0;
        for (RecordedRequest r : calcom) {
            if (r.status() == 429) {
                limited++;
            }
            if (r.path().equals("/v2/slots")) {
                slots++;
                List<String> id = r.query().getOrDefault("eventTypeId", List.of("0"));
                if (Long.parseLong(id.getFirst()) >= PressureRun.UNKNOWN_IDS_FROM) {
                    slotsUnknown++;
                }
            } else if (r.path().startsWith("/v2/event-types/")) {
                lookups++;
                if (Long.parseLong(r.path().substring("/v2/event-types/".length())) >= PressureRun.UNKNOWN_IDS_FROM) {
                    lookupsUnknown++;
                }
            } else if (r.path().equals("/v2/event-types") || r.path().startsWith("/v2/teams")
                    || r.path().startsWith("/v2/organizations")) {
                lists++;
            }
        }
        return new AttackReport(attack.ordinary().size(), ordinary.getOrDefault(200, 0), ordinary,
                percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99), attack.junk().size(),
                junk, calcom.size(), slots, slotsUnknown, lookups, lookupsUnknown, lists, limited);
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    String table(Duration length) {
        return String.join("\n",
                "| figure | value |",
                "|---|---|",
                "| length of the attack | " + length.toSeconds() + " s, " + PressureRun.ATTACKERS + " attackers |",
                "| ordinary client answered 200 | " + ordinaryAnswered + " of " + ordinaryAsked + " ("
                        + String.format(java.util.Locale.ROOT, "%.1f", 100.0 * ordinaryAnswered / Math.max(1, ordinaryAsked))
                        + " %) |",
                "| ordinary client statuses | " + ordinaryStatuses + " |",
                "| ordinary client p50 / p95 / p99 | " + p50Ms + " / " + p95Ms + " / " + p99Ms + " ms |",
                "| junk queries asked | " + junkAsked + " |",
                "| junk statuses | " + junkStatuses + " |",
                "| Cal.com calls (all) | " + calcomCalls + " |",
                "| Cal.com slots calls | " + slotsCalls + " |",
                "| Cal.com slots calls for unknown ids | " + slotsCallsForUnknownIds + " |",
                "| event-type lookups (`GET /v2/event-types/{id}`) | " + eventTypeLookups + " (" + eventTypeLookupsForUnknownIds
                        + " for unknown ids: discoveries) |",
                "| event-type list calls (catalog) | " + eventTypeLists + " |",
                "| 429 from Cal.com | " + rateLimited + " |");
    }
}
