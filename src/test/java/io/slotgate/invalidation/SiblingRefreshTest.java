package io.slotgate.invalidation;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.EventTypeInfo;
import io.slotgate.time.Scheduler;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SiblingRefreshTest {
    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);

    @Test
    void anUnannouncedChangeRefreshesThatDayOfEveryOtherEventTypeSharingAHostAndIsCounted() {
        HostMap hosts = new HostMap(TenantId.DEFAULT, EventTypeInfo::unknown, Scheduler.inline());
        hosts.learn(new EventTypeInfo(1, 30, List.of(), 0, 0, 0, List.of(7L, 8L))); // changed: hosts 7 and 8
        hosts.learn(new EventTypeInfo(2, 30, List.of(), 0, 0, 0, List.of(7L)));     // shares host 7
        hosts.learn(new EventTypeInfo(3, 60, List.of(), 0, 0, 0, List.of(8L, 9L))); // shares host 8
        hosts.learn(new EventTypeInfo(4, 30, List.of(), 0, 0, 0, List.of(9L)));     // shares nobody with 1
        InvalidationCounters counters = new InvalidationCounters();

        List<CacheKey.Generation> refreshed = new SiblingRefresh(hosts, counters)
                .alsoChanged(new CacheKey.Generation(TenantId.DEFAULT, 1, DAY));

        assertThat(refreshed).containsExactly(new CacheKey.Generation(TenantId.DEFAULT, 2, DAY),
                new CacheKey.Generation(TenantId.DEFAULT, 3, DAY));
        assertThat(counters.get(SiblingRefresh.UNANNOUNCED_CHANGES)).isEqualTo(1);
    }
}
