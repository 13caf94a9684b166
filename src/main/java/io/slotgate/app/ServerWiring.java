package io.slotgate.app;

import io.slotgate.cache.TenantId;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.finder.Finder;
import io.slotgate.http.SlotgateServer;
import io.slotgate.invalidation.HeldSlots;
import io.slotgate.invalidation.Invalidator;
import io.slotgate.invalidation.WriteThrough;
import io.slotgate.ops.CacheAdmin;
import io.slotgate.tenant.Tenant;
import io.slotgate.tenant.Tenants;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wiring of what only a server needs: per tenant, the finder and the write-through with its holds (only a server
 * takes bookings and holds, so only a server sweeps them), and the address the other instances reach it at.
 */
final class ServerWiring {
    /** How often lapsed holds are looked for: a held slot comes back within about this long of its expiry. */
    static final Duration HOLD_SWEEP = Duration.ofSeconds(1);

    private ServerWiring() {
    }

    /** Starts the HTTP server in front of {@code tenants}. */
    static SlotgateServer start(SlotgateConfig config, Tenants tenants, RuntimeServices runtime,
                                CacheAdmin cacheAdmin) {
        return SlotgateServer.start(config, tenants, runtime, cacheAdmin, tenantRoutes(tenants, runtime));
    }

    /** What the HTTP routes add to each tenant, its hold sweep scheduled on the runtime's scheduler. */
    private static Map<TenantId, SlotgateServer.TenantRoutes> tenantRoutes(Tenants tenants, RuntimeServices runtime) {
        Map<TenantId, SlotgateServer.TenantRoutes> routes = new HashMap<>();
        for (Tenant tenant : tenants.all()) {
            Invalidator invalidator = tenant.invalidation().invalidator();
            HeldSlots holds = new HeldSlots(invalidator, runtime.clock());
            runtime.scheduler().every(HOLD_SWEEP, holds::sweep);
            routes.put(tenant.id(), new SlotgateServer.TenantRoutes(new Finder(tenant.availability(), runtime.clock()),
                    new WriteThrough(tenant.client(), invalidator, Optional.of(holds))));
        }
        return routes;
    }

    /**
     * Where the other instances reach this one: the configured host, or (listening on every interface) this
     * machine's own address, as a container or a host names itself.
     */
    static URI advertisedUrl(SlotgateConfig config, int port) {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                host = "127.0.0.1";
            }
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
