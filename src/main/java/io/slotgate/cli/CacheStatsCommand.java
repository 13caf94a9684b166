package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.slotgate.simulator.report.TextColumns;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Hit rate, entries, ages of L1 buckets, upstream calls per day, verifier figures.")
final class CacheStatsCommand extends AdminCall {
    @Override
    HttpRequest.Builder request(AdminClient admin) {
        return admin.get("/admin/cache/stats");
    }

    @Override
    void print(PrintWriter out, JsonNode data) {
        out.println("policy: " + data.path("policy").asText() + "   redis: " + (data.path("redis").asBoolean()
                ? (data.path("redisAvailable").asBoolean() ? "available" : "UNAVAILABLE") : "none"));
        TextColumns cache = new TextColumns("TENANT", "FRESH DAYS", "STALE DAYS", "FETCHED DAYS", "HIT RATE",
                "FRESH HIT RATE", "L1 BUCKETS", "L2 BUCKETS", "INVALIDATIONS");
        TextColumns ages = new TextColumns(header("TENANT", data, "l1AgeBands"));
        TextColumns calls = new TextColumns("TENANT", "DAY (UTC)", "EVENT TYPE", "UPSTREAM CALLS");
        TextColumns verifier = new TextColumns("TENANT", "VERIFIED", "STALE", "STALE RATIO", "FALSE-AVAILABLE",
                "FALSE-UNAVAILABLE", "INVALIDATED", "SKIPPED", "PENDING");
        for (JsonNode t : data.path("tenants")) {
            String tenant = t.path("tenant").asText();
            cache.row(tenant, t.path("freshDays").asText(), t.path("staleDays").asText(),
                    t.path("fetchedDays").asText(), percent(t.path("hitRate").asDouble()),
                    percent(t.path("freshHitRate").asDouble()), t.path("l1Buckets").asText(),
                    t.path("l2Buckets").isNull() ? "-" : t.path("l2Buckets").asText(),
                    t.path("invalidations").asText());
            List<String> ageRow = new ArrayList<>(List.of(tenant));
            t.path("l1AgeBands").forEach(n -> ageRow.add(n.asText()));
            ages.row(ageRow.toArray(String[]::new));
            for (Iterator<Map.Entry<String, JsonNode>> days = t.path("upstreamCallsPerDay").fields(); days.hasNext(); ) {
                Map.Entry<String, JsonNode> day = days.next();
                for (Iterator<Map.Entry<String, JsonNode>> types = day.getValue().fields(); types.hasNext(); ) {
                    Map.Entry<String, JsonNode> type = types.next();
                    calls.row(tenant, day.getKey(), type.getKey(), type.getValue().asText());
                }
            }
            JsonNode v = t.path("verifier");
            verifier.row(tenant, v.path("samplesVerified").asText(), v.path("staleAnswers").asText(),
                    percent(v.path("staleRatio").asDouble()), v.path("falseAvailableAnswers").asText(),
                    v.path("falseUnavailableAnswers").asText(), v.path("bucketsInvalidated").asText(),
                    v.path("skipped").asText(), v.path("samplesPending").asText());
        }
        out.println();
        out.println("cache (days served per query)");
        cache.print(out);
        out.println();
        out.println("L1 bucket ages");
        ages.print(out);
        out.println();
        out.println("upstream calls per day");
        if (calls.isEmpty()) {
            out.println("  (none yet)");
        } else {
            calls.print(out);
        }
        out.println();
        out.println("staleness verifier");
        verifier.print(out);
    }

    private static String[] header(String first, JsonNode data, String field) {
        List<String> names = new ArrayList<>(List.of(first));
        JsonNode any = data.path("tenants").path(0).path(field);
        any.fieldNames().forEachRemaining(names::add);
        return names.toArray(String[]::new);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
