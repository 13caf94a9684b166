package io.slotgate.app;

import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomInterceptor;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.CircuitBreakerInterceptor;
import io.slotgate.calcom.RateBudget;
import io.slotgate.calcom.RateBudgetInterceptor;
import io.slotgate.calcom.RateLedger;
import io.slotgate.calcom.RetryInterceptor;
import io.slotgate.calcom.SharedListsInterceptor;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.ops.UpstreamLedger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The wiring of one key's way to Cal.com: its client and the interceptor chain in front of the transport. */
final class CalcomWiring {
    private CalcomWiring() {
    }

    /**
     * The parts of a client's chain that others read (the metrics, the catalog, the cache admin): built by the
     * wiring and handed to them from here, rather than looked up in the chain by class.
     */
    record Guards(CircuitBreakerInterceptor breaker, RateBudget budget, UpstreamLedger ledger) {
        static Guards of(SlotgateConfig config, RuntimeServices runtime, RateLedger ledger) {
            return new Guards(new CircuitBreakerInterceptor(config.circuitBreaker(), runtime.clock()),
                    new RateBudget(config.rateBudget(), runtime.clock(), ledger), new UpstreamLedger(runtime.clock()));
        }
    }

    /**
     * The Cal.com client of one key, with the upstream discipline of docs/architecture.md. The chain, outermost first:
     * <ol>
     *   <li>bearer (inside {@link CalcomClient}): first, so the rate budget sees whose key a call is made with;</li>
     *   <li>shared lists (with Redis): a list answer another instance of the key read lately is no call at all, so
     *       it comes before everything that counts or guards calls;</li>
     *   <li>circuit breaker: outside the retries, so it judges a call by its final outcome (a 5xx retried into a 200
     *       is a success) and, while open, fails fast without spending a retry's backoff or a token;</li>
     *   <li>retry: outside the rate budget, so every retry asks for a token like a first try and can never push the
     *       key over Cal.com's limit; a retry the budget refuses (a 429) ends the retrying;</li>
     *   <li>rate budget: so it counts exactly the calls that reach Cal.com and reads Cal.com's own rate-limit
     *       headers on each answer;</li>
     *   <li>upstream ledger: after the budget, so it counts the calls that leave slotgate per UTC day and event
     *       type (a call the budget refuses is not one, each retry is);</li>
     *   <li>call counter ({@link io.slotgate.metrics.SlotgateMetrics#calcomCalls}): right before the transport, so
     *       the metrics count each call actually sent, with the status Cal.com answered;</li>
     *   <li>transport.</li>
     * </ol>
     * One breaker per client, that is per tenant: one tenant's failing Cal.com must not stop another's. One budget per
     * key: the ledger is shared by every instance through Redis when there is one.
     *
     * @param sharedLists with Redis: the list answers other instances of the key read lately answer this one's too
     */
    static CalcomClient client(SlotgateConfig config, TenantId tenant, Optional<String> apiKey,
                               RuntimeServices runtime, CalcomTransport transport, Guards guards,
                               Optional<SharedListsInterceptor.Store> sharedLists) {
        List<CalcomInterceptor> chain = new ArrayList<>();
        sharedLists.ifPresent(store -> chain.add(new SharedListsInterceptor(store, runtime.sleeper())));
        chain.addAll(List.of(
                guards.breaker(),
                new RetryInterceptor(config.retry(), runtime.sleeper(), runtime.random()),
                new RateBudgetInterceptor(guards.budget(), runtime.sleeper(), apiKey),
                guards.ledger(),
                runtime.metrics().calcomCalls(tenant)));
        return new CalcomClient(apiKey, chain, transport);
    }
}
