package io.slotgate.invalidation;

/** One tenant's invalidation parts, as the wiring built them. */
public record Invalidation(HostMap hosts, Invalidator invalidator, WebhookIntake webhooks,
                           InvalidationCounters counters) {
}
