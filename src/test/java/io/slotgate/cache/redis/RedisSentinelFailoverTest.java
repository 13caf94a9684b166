package io.slotgate.cache.redis;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.support.RedisSentinelSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Sentinel failover under two slotgate instances: a real master, replica and sentinel; the sentinel promotes the
 * replica while both instances hold the day in L1. They must follow the new master (reads, conditional writes and
 * the invalidation broadcast) and never serve a bucket older than the last invalidation.
 */
class RedisSentinelFailoverTest extends TopologyChangeFixture {
    @RegisterExtension
    static final RedisSentinelSetup sentinel = RedisSentinelSetup.withReplica();

    @Override
    String url() {
        return sentinel.url();
    }

    @Test
    void afterAFailoverBothInstancesFollowTheNewMasterAndAnInvalidationStillReachesThem() {
        fillTheDay();
        assertThat(b.lookup(KEY, DAY, DAY, days -> {
            throw new AssertionError("no upstream call expected: a filled the day");
        }).outcome()).isEqualTo(CacheOutcome.HIT);
        await().atMost(PROPAGATION).until(() -> sentinel.replica().call("EXISTS", KEY.render()).equals(":1"));

        long aDropsBefore = a.tier.stats().l1Drops();
        long bDropsBefore = b.tier.stats().l1Drops();
        sentinel.failover();

        assertThat(sentinel.master().reply("ROLE").get(0)).as("the old master's role").isEqualTo("slave");
        // the sentinel cut every client of the old master: both instances noticed, dropped L1 and reconnected
        await("both instances dropped L1 and are back").atMost(PROPAGATION).until(() ->
                a.tier.stats().l1Drops() > aDropsBefore && a.tier.available()
                        && b.tier.stats().l1Drops() > bDropsBefore && b.tier.available());
        // the bucket survived on the new master: b reads it from there
        readsTheFilledDayWithoutCalcom(b);

        anInvalidationReachesTheOtherAndItsRefillIsShared(a, b);
        assertThat(generationStoredOn(sentinel.replica(), KEY.render())).as("generation of the bucket on the new master")
                .isEqualTo("1");
    }
}
