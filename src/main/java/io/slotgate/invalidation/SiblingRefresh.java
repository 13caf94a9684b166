package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.Consumer;

/**
 * When a refetch finds a change that nothing announced (no webhook: most likely a host's external calendar), the
 * same host's other event types have most likely changed on that day too: refetch theirs now rather than wait for
 * their own refresh. It costs a call per sibling only when such a change is found, and it turns every event type of a
 * host into a probe of that host's calendar.
 */
public final class SiblingRefresh implements Consumer<CacheKey.Generation> {
    public static final String UNANNOUNCED_CHANGES = "unannounced-changes";
    private static final Logger LOG = LoggerFactory.getLogger(SiblingRefresh.class);

    private final HostMap hosts;
    private final Consumer<CacheKey.Generation> refresh;
    private final InvalidationCounters counters;

    /** @param refresh refetches one (event type, day) in the background, leaving its generation alone */
    public SiblingRefresh(HostMap hosts, Consumer<CacheKey.Generation> refresh, InvalidationCounters counters) {
        this.hosts = hosts;
        this.refresh = refresh;
        this.counters = counters;
    }

    @Override
    public void accept(CacheKey.Generation changed) {
        counters.increment(UNANNOUNCED_CHANGES);
        Set<Long> siblings = hosts.sharingHostsWith(changed.eventTypeId());
        for (long sibling : siblings) {
            refresh.accept(new CacheKey.Generation(changed.tenant(), sibling, changed.day()));
        }
        LOG.info("unannounced change tenant={} eventType={} day={} refreshing={}", changed.tenant(),
                changed.eventTypeId(), changed.day(), siblings);
    }
}
