package io.slotgate.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotgate.json.Jackson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The live dashboard: one self-contained HTML page ({@code GET /}: inline CSS and JS, no external asset) that polls
 * {@link #data(SlotgateMetrics)} ({@code GET /dashboard/data}) and draws the last hour from the {@link Timeline}.
 */
public final class Dashboard {
    /** Allows nothing from elsewhere: the page's own inline script and style, and fetches to slotgate only. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
            + "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";
    private static final ObjectMapper JSON = Jackson.MAPPER;
    private static final String PAGE = load();

    private Dashboard() {
    }

    public static String html() {
        return PAGE;
    }

    /**
     * The dashboard's JSON: {@code minutes} (the last 60, oldest first), {@code totals} since start, and
     * {@code headline} figures: hit and stale rates over the last hour (of requests answered from day buckets), p95
     * over the last 5 minutes, Cal.com calls in the current minute against the budget, the worst circuit state.
     * Rates and latencies are null when there is nothing to compute them from.
     */
    public static String data(SlotgateMetrics metrics) {
        Timeline.Snapshot snapshot = metrics.timeline().snapshot();
        ObjectNode root = JSON.createObjectNode();
        root.put("now", snapshot.now().toString());
        ArrayNode minutes = root.putArray("minutes");
        long hits = 0;
        long stale = 0;
        long cached = 0;
        long invalidations = 0;
        for (Timeline.Minute m : snapshot.minutes()) {
            ObjectNode node = minutes.addObject();
            node.put("start", m.start().toString());
            node.put("requests", m.requests());
            node.put("hits", m.hits());
            node.put("stale", m.stale());
            node.put("misses", m.misses());
            node.put("partial", m.partial());
            node.put("bypass", m.bypass());
            node.put("errors", m.errors());
            number(node, "p95Ms", m.p95Millis());
            node.put("calcomCalls", m.calcomCalls());
            if (m.budgetPerMinute() > 0) {
                node.put("budgetPerMinute", m.budgetPerMinute());
            } else {
                node.putNull("budgetPerMinute");
            }
            number(node, "budgetTokensLow", m.budgetTokensLow());
            node.put("invalidations", m.invalidations());
            hits += m.hits();
            stale += m.stale();
            cached += m.cached();
            invalidations += m.invalidations();
        }
        Timeline.Totals t = snapshot.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("requests", t.requests());
        totals.put("hits", t.hits());
        totals.put("stale", t.stale());
        totals.put("misses", t.misses());
        totals.put("partial", t.partial());
        totals.put("bypass", t.bypass());
        totals.put("errors", t.errors());
        totals.put("calcomCalls", t.calcomCalls());
        totals.put("invalidations", t.invalidations());
        ObjectNode headline = root.putObject("headline");
        number(headline, "hitRatePercent", cached == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * hits / cached));
        number(headline, "staleRatePercent", cached == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * stale / cached));
        number(headline, "p95Ms", snapshot.p95MillisLast5Minutes());
        Timeline.Minute current = snapshot.minutes().get(snapshot.minutes().size() - 1);
        headline.put("calcomCallsThisMinute", current.calcomCalls());
        headline.put("budgetPerMinute", snapshot.budget().perMinute());
        headline.put("budgetTokens", Math.round(snapshot.budget().tokens() * 10) / 10.0);
        headline.put("invalidationsLastHour", invalidations);
        headline.put("circuit", metrics.worstCircuit().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        budgetByPriority(root.putObject("budget"), metrics, snapshot.now());
        catalog(root.putObject("catalog"), metrics);
        return root.toString();
    }

    /** Top clients shown: enough to see who spends the budget, few enough to stay a glance. */
    static final int TOP_CLIENTS = 10;

    /**
     * {@code budget}: calls granted and refused since start per priority, summed over the tenants; the fair share in
     * misses; misses held to their share; and the clients that asked for the most misses in the window (hashed names,
     * never an address or a token).
     */
    private static void budgetByPriority(ObjectNode budget, SlotgateMetrics metrics, java.time.Instant now) {
        ObjectNode granted = budget.putObject("grantedByPriority");
        ObjectNode refused = budget.putObject("refusedByPriority");
        long held = 0;
        int share = 0;
        java.util.List<io.slotgate.calcom.ClientShares.Use> top = new java.util.ArrayList<>();
        for (io.slotgate.calcom.Priority p : io.slotgate.calcom.Priority.values()) {
            granted.put(p.name().toLowerCase(Locale.ROOT), 0L);
            refused.put(p.name().toLowerCase(Locale.ROOT), 0L);
        }
        for (io.slotgate.calcom.RateBudget b : metrics.budgets()) {
            var snapshot = b.snapshot();
            snapshot.granted().forEach((p, n) -> granted.put(p.name().toLowerCase(Locale.ROOT),
                    granted.path(p.name().toLowerCase(Locale.ROOT)).asLong() + n));
            snapshot.refused().forEach((p, n) -> refused.put(p.name().toLowerCase(Locale.ROOT),
                    refused.path(p.name().toLowerCase(Locale.ROOT)).asLong() + n));
            held += b.shares().held();
            share = Math.max(share, b.clientShare());
            top.addAll(b.shares().top(TOP_CLIENTS, now, io.slotgate.calcom.RateBudget.WINDOW));
        }
        budget.put("clientShare", share);
        budget.put("heldMisses", held);
        top.sort(java.util.Comparator.comparingInt(io.slotgate.calcom.ClientShares.Use::misses).reversed());
        ArrayNode clients = budget.putArray("topClients");
        top.stream().limit(TOP_CLIENTS).forEach(u -> clients.addObject().put("client", u.client())
                .put("misses", u.misses()).put("held", u.held()));
    }

    /** {@code catalog}: event types known, queries refused without a call, discoveries, summed over the tenants. */
    private static void catalog(ObjectNode node, SlotgateMetrics metrics) {
        long listed = 0;
        long discovered = 0;
        long unknown = 0;
        long unsure = 0;
        long discoveries = 0;
        for (io.slotgate.availability.EventTypeCatalog c : metrics.catalogs()) {
            var s = c.snapshot();
            listed += s.listed();
            discovered += s.discovered();
            unknown += s.refusedUnknown();
            unsure += s.refusedUnsure();
            discoveries += s.discoveryLookups();
        }
        node.put("listed", listed);
        node.put("discovered", discovered);
        node.put("refusedUnknown", unknown);
        node.put("refusedUnsure", unsure);
        node.put("discoveries", discoveries);
    }

    private static void number(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
            node.put(field, Math.round(value.getAsDouble() * 100) / 100.0);
        } else {
            node.putNull(field);
        }
    }

    private static String load() {
        try (InputStream in = Dashboard.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
