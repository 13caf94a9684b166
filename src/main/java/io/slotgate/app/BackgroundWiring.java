package io.slotgate.app;

import io.slotgate.availability.EventTypeCatalog;
import io.slotgate.availability.Warmer;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.Tenants;
import io.slotgate.time.Scheduler;

import java.time.Duration;

/** The wiring of the background jobs: what runs on the runtime's scheduler rather than for a request. */
final class BackgroundWiring {
    /** How often the dashboard's timeline notes the rate budget, whether or not calls are made. */
    static final Duration METRICS_SAMPLE = Duration.ofSeconds(5);

    /** How often the policy file is looked at: a changed policy applies within about this long. */
    private static final Duration POLICY_RELOAD = Duration.ofSeconds(2);

    private BackgroundWiring() {
    }

    /** Warming rounds, staleness verification rounds, catalog refreshes, the policy file watch and metric samples. */
    static void start(Tenants tenants, RuntimeServices runtime) {
        Scheduler scheduler = runtime.scheduler();
        for (Tenant tenant : tenants.all()) {
            new Warmer(tenant.availability(), runtime.policy(), runtime.clock()).start(scheduler);
            tenant.verifier().start(scheduler);
            EventTypeCatalog catalog = tenant.availability().catalog();
            if (catalog.settings().enabled()) {
                // kept up to date; the first load is the first query's, or loadCatalogs' at a server's start
                scheduler.every(catalog.settings().refreshEvery(), catalog::refresh);
            }
        }
        if (runtime.policy().file().isPresent()) {
            scheduler.every(POLICY_RELOAD, runtime.policy()::reloadIfChanged);
        }
        scheduler.every(METRICS_SAMPLE, runtime.metrics()::sample);
    }

    /** Loads every tenant's enabled catalog once, in the background, now. */
    static void loadCatalogs(Tenants tenants, RuntimeServices runtime) {
        for (Tenant tenant : tenants.all()) {
            EventTypeCatalog catalog = tenant.availability().catalog();
            if (catalog.settings().enabled()) {
                runtime.scheduler().execute(catalog::refresh);
            }
        }
    }
}
