package io.slotgate.metrics;

import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomInterceptor;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;

import java.io.IOException;
import java.util.Objects;

/**
 * Counts the calls that reach Cal.com: placed last in the client's chain, right before the transport, so it sees
 * every call actually sent (each retry, none the rate budget refused or the open circuit short-cut) with the status
 * Cal.com answered, or {@code error} when no answer came. Made by {@link SlotgateMetrics#calcomCalls(TenantId)}.
 */
final class CalcomCallCounter implements CalcomInterceptor {
    private final CalcomMeters metrics;
    private final TenantId tenant;

    CalcomCallCounter(CalcomMeters metrics, TenantId tenant) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    @Override
    public UpstreamResponse intercept(UpstreamRequest request, Chain chain) throws IOException {
        long started = System.nanoTime();
        UpstreamResponse response;
        try {
            response = chain.proceed(request);
        } catch (IOException | RuntimeException e) {
            metrics.call(tenant, request.pathAndQuery(), "error", System.nanoTime() - started);
            throw e;
        }
        metrics.call(tenant, request.pathAndQuery(), Integer.toString(response.status()),
                System.nanoTime() - started);
        return response;
    }
}
