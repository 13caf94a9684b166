/**
 * What slotgate tells about itself: its meters in Prometheus text at {@code GET /metrics}, and the live dashboard's
 * page and data at {@code GET /} and {@code GET /dashboard/data}. Every meter is listed in docs/metrics.md.
 *
 * <p>Public types, the ones other packages use:
 * <ul>
 *   <li>{@link io.slotgate.metrics.SlotgateMetrics}: the process's meters, and the seams that feed them;</li>
 *   <li>{@link io.slotgate.metrics.Endpoint}, {@link io.slotgate.metrics.RequestOutcome} and
 *       {@link io.slotgate.metrics.VerificationResult}: what the HTTP layer and the staleness verifier report;</li>
 *   <li>{@link io.slotgate.metrics.Dashboard}: the dashboard's page and its JSON.</li>
 * </ul>
 * Behind them, package-private, one class per job: request meters, Cal.com call meters, each tenant's bound figures,
 * invalidation counters by meter, the shared tier's meters, the staleness ring, the worst circuit, and the
 * minute-by-minute timeline the dashboard draws.
 */
package io.slotgate.metrics;
