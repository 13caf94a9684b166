package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * When a refetch finds a change that nothing announced (no webhook: most likely a host's external calendar), the
 * same host's other event types have most likely changed on that day too: refetch theirs now rather than wait for
 * their own refresh. It costs a call per sibling only when such a change is found, and it turns every event type of a
 * host into a probe of that host's calendar.
 */
public final class SiblingRefresh implements CacheSettings.UnannouncedChange {
    public static final String UNANNOUNCED_CHANGES = "unannounced-changes";
    private static final Logger LOG = LoggerFactory.getLogger(SiblingRefresh.class);

    private final HostMap hosts;
    private final InvalidationCounters counters;

    public SiblingRefresh(HostMap hosts, InvalidationCounters counters) {
        this.hosts = hosts;
        this.counters = counters;
    }

    /** The same day of the event types sharing a host with the changed one: the cache refreshes them. */
    @Override
    public List<CacheKey.Generation> alsoChanged(CacheKey.Generation changed) {
        counters.increment(UNANNOUNCED_CHANGES);
        Set<Long> siblings = hosts.sharingHostsWith(changed.eventTypeId());
        LOG.info("unannounced change tenant={} eventType={} day={} refreshing={}", changed.tenant(),
                changed.eventTypeId(), changed.day(), siblings);
        return siblings.stream().map(sibling -> new CacheKey.Generation(changed.tenant(), sibling, changed.day()))
                .toList();
    }
}
