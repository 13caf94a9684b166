package io.slotgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomInterceptor;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** The meters of calls that reached Cal.com, fed by one {@link CalcomCallCounter} per tenant's client. */
final class CalcomMeters {
    static final int MAX_CALCOM_PATHS = 100;

    private final MeterRegistry registry;
    private final LabelCap eventTypes;
    private final LabelCap calcomPaths = new LabelCap(MAX_CALCOM_PATHS);
    private final Timeline timeline;

    CalcomMeters(MeterRegistry registry, LabelCap eventTypes, Timeline timeline) {
        this.registry = registry;
        this.eventTypes = eventTypes;
        this.timeline = timeline;
    }

    CalcomInterceptor interceptor(TenantId tenant) {
        // Registered up front so a tenant Cal.com never refused shows 0 rather than no series.
        Counter.builder("slotgate.calcom.rate_limited")
                .description("429 answers Cal.com sent (not those slotgate's own rate budget made up)")
                .tag("tenant", tenant.value()).register(registry);
        return new CalcomCallCounter(this, tenant);
    }

    void call(TenantId tenant, String pathAndQuery, String status, long nanos) {
        String endpoint = calcomPaths.label(CalcomPaths.template(pathAndQuery));
        Counter.builder("slotgate.calcom.calls")
                .description("Calls that reached Cal.com, by tenant, path template and HTTP status ('error': no answer)")
                .tags("tenant", tenant.value(), "endpoint", endpoint, "status", status)
                .register(registry).increment();
        Timer.builder("slotgate.calcom.call.duration")
                .description("Time Cal.com took to answer, by path template")
                .tag("endpoint", endpoint)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (status.equals("429")) {
            Counter.builder("slotgate.calcom.rate_limited").tag("tenant", tenant.value()).register(registry)
                    .increment();
        }
        OptionalLong eventType = CalcomPaths.eventTypeId(pathAndQuery);
        if (eventType.isPresent()) {
            Counter.builder("slotgate.calcom.event_type.calls")
                    .description("Calls to Cal.com about one event type (slots, event type reads); per day: "
                            + "increase(...[1d])")
                    .tags("tenant", tenant.value(), "event_type", eventTypes.label(Long.toString(eventType.getAsLong())))
                    .register(registry).increment();
        }
        timeline.calcomCall();
    }
}
