package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.metrics.Dashboard;
import io.slotgate.metrics.SlotgateMetrics;

/**
 * {@code GET /metrics} (Prometheus text format), {@code GET /} (the live dashboard) and {@code GET /dashboard/data}
 * (its JSON). Unauthenticated, like most exporters: nothing they show is secret (docs/metrics.md).
 */
final class ObservabilityHandler {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final SlotgateMetrics metrics;

    ObservabilityHandler(SlotgateMetrics metrics) {
        this.metrics = metrics;
    }

    void metrics(Context ctx) {
        ctx.status(200).contentType(PROMETHEUS_TEXT).header("Cache-Control", "no-store").result(metrics.scrape());
    }

    void dashboard(Context ctx) {
        ctx.status(200).contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", Dashboard.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .result(Dashboard.html());
    }

    void dashboardData(Context ctx) {
        ctx.status(200).contentType("application/json").header("Cache-Control", "no-store")
                .result(Dashboard.data(metrics));
    }
}
