package io.slotgate.cache.redis;

import io.slotgate.cache.CacheKey;
import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.DayBucket;
import io.slotgate.cache.TenantId;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.slots.Slot;
import io.slotgate.support.RedisClusterSetup;
import io.slotgate.support.RedisSentinelSetup;
import io.slotgate.support.RedisServerProcess;
import io.slotgate.time.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared tier against real Sentinel and Cluster setups (started from the installed {@code redis-server} and
 * {@code redis-cli}), not only against a standalone Redis: two tier instances on the same URL share buckets through
 * L2, the conditional write works, and invalidations by one reach the other over pub/sub.
 */
class RedisTopologiesTest {
    private static final LocalDate DAY = LocalDate.of(2030, 5, 6);
    private static final CacheKey.Bucket KEY = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY);
    private static final Slot NINE = Slot.of(Instant.parse("2030-05-06T09:00:00Z"), Duration.ofMinutes(30));
    private static final Duration PROPAGATION = Duration.ofSeconds(10);

    /** What every topology must do; each nested class brings its servers and URL. */
    abstract static class SharedTierBehaviour {
        final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T00:00:00Z"));
        TierInstance a;
        TierInstance b;

        abstract String url();

        abstract void flush();

        @BeforeEach
        void startInstances() {
            flush();
            a = new TierInstance(url(), clock);
            b = new TierInstance(url(), clock);
            assertThat(a.tier.available()).as("instance a connected through " + url()).isTrue();
            assertThat(b.tier.available()).as("instance b connected through " + url()).isTrue();
        }

        @AfterEach
        void stopInstances() {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        }

        @Test
        void aBucketFilledByOneInstanceIsServedToAnotherFromL2WithoutAnUpstreamCall() {
            AtomicInteger calls = new AtomicInteger();
            var lookup = a.lookup(KEY, DAY, DAY, days -> {
                calls.incrementAndGet();
                return new CalcomOutcome.Success<>(List.of(NINE), null);
            });
            assertThat(lookup.outcome()).isEqualTo(CacheOutcome.MISS);
            assertThat(calls).hasValue(1);
            assertThat(a.tier.stats().l2Writes()).isEqualTo(1);

            var fromL2 = b.lookup(KEY, DAY, DAY, days -> {
                throw new AssertionError("no upstream call expected: the bucket is in L2");
            });
            assertThat(fromL2.outcome()).isEqualTo(CacheOutcome.HIT);
            assertThat(fromL2.buckets().get(0).slots()).containsExactly(NINE);
            assertThat(b.tier.stats().l2Hits()).isEqualTo(1);
            assertThat(b.l1.get(KEY)).isPresent();
            assertThat(b.tier.stats().l2Buckets()).isEqualTo(1);
        }

        @Test
        void anInvalidationOnOneInstanceMovesTheOthersGenerationAndItsBucketIsNoLongerServed() {
            // b fills the day; a never looked at it, so its invalidation triggers no refresh of its own
            b.lookup(KEY, DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(NINE), null));
            assertThat(b.lookup(KEY, DAY, DAY, days -> {
                throw new AssertionError("no upstream call expected: the bucket is in L1");
            }).outcome()).isEqualTo(CacheOutcome.HIT);
            assertThat(b.shared.generations().current(KEY.generation())).isZero();

            a.cache.invalidate(KEY.generation());
            assertThat(a.shared.generations().current(KEY.generation())).isEqualTo(1);

            // b does nothing: only the broadcast can move its view
            await().atMost(PROPAGATION).until(() -> b.shared.generations().current(KEY.generation()) == 1);
            assertThat(b.tier.stats().invalidationsReceived()).isEqualTo(1);
            AtomicInteger calls = new AtomicInteger();
            var after = b.lookup(KEY, DAY, DAY, days -> {
                calls.incrementAndGet();
                return new CalcomOutcome.Success<>(List.of(), null);
            });
            assertThat(after.outcome()).isEqualTo(CacheOutcome.MISS);
            assertThat(after.buckets().get(0).slots()).isEmpty();
            assertThat(calls).hasValue(1);
            // and the refill, under generation 1, is what a now reads from L2
            assertThat(a.shared.store().l2().get(KEY)).hasValueSatisfying(bucket -> {
                assertThat(bucket.generation()).isEqualTo(1);
                assertThat(bucket.slots()).isEmpty();
            });
        }

        @Test
        void aWriteBehindADropIsServedByNoInstanceAndALaterFetchReplacesIt() {
            b.cache.invalidate(KEY.generation());

            DayBucket stale = new DayBucket(KEY, List.of(NINE), clock.instant(), 0);
            a.shared.store().l2().putIfNewer(stale);
            assertThat(b.shared.store().l2().get(KEY)).hasValueSatisfying(bucket ->
                    assertThat(io.slotgate.cache.UpToDate.of(bucket, b.shared.generations())).isEmpty());

            DayBucket current = new DayBucket(KEY, List.of(NINE), clock.instant().plusSeconds(1), 1);
            assertThat(a.shared.store().l2().putIfNewer(current)).isEqualTo(RedisBucketStore.Write.WRITTEN);
            assertThat(b.shared.store().l2().get(KEY)).contains(current);
            assertThat(a.tier.stats().redisErrors()).isZero();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Sentinel extends SharedTierBehaviour {
        private final RedisSentinelSetup sentinel = new RedisSentinelSetup();

        @BeforeAll
        void startSentinel() {
            sentinel.start();
        }

        @AfterAll
        void stopSentinel() {
            sentinel.close();
        }

        @Override
        String url() {
            return sentinel.url();
        }

        @Override
        void flush() {
            sentinel.master().call("FLUSHALL");
        }

        @Test
        void theTierFindsTheMasterThroughTheSentinelAndWritesToIt() {
            a.lookup(KEY, DAY, DAY, days -> new CalcomOutcome.Success<>(List.of(NINE), null));

            assertThat(sentinel.master().call("GET", KEY.render())).startsWith("4|");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Cluster extends SharedTierBehaviour {
        private final RedisClusterSetup cluster = new RedisClusterSetup();

        @BeforeAll
        void startCluster() {
            cluster.start();
        }

        @AfterAll
        void stopCluster() {
            cluster.close();
        }

        @Override
        String url() {
            return cluster.url();
        }

        @Override
        void flush() {
            cluster.nodes().forEach(node -> node.call("FLUSHALL"));
        }

        @Test
        void aBucketItsGenerationAndItsLeaseShareAHashSlot() {
            RedisKeys keys = a.tier.keys();
            RedisServerProcess node = cluster.nodes().get(0);
            String slot = node.call("CLUSTER", "KEYSLOT", keys.bucket(KEY));

            assertThat(node.call("CLUSTER", "KEYSLOT", keys.generation(KEY.generation()))).isEqualTo(slot);
            assertThat(node.call("CLUSTER", "KEYSLOT", keys.lease(KEY))).isEqualTo(slot);
        }

        @Test
        void invalidationsOfKeysOnEveryNodeReachTheOtherInstance() {
            List<CacheKey.Bucket> onEachNode = oneKeyPerNode();
            for (CacheKey.Bucket key : onEachNode) {
                b.lookup(key, key.day(), key.day(), days -> new CalcomOutcome.Success<>(List.of(), null));
                assertThat(b.l1.get(key)).isPresent();
            }

            onEachNode.forEach(key -> a.cache.invalidate(key.generation()));

            await().atMost(PROPAGATION).until(() -> onEachNode.stream()
                    .allMatch(key -> b.shared.generations().current(key.generation()) == 1));
            assertThat(b.tier.stats().invalidationsReceived()).isEqualTo(onEachNode.size());
            AtomicInteger calls = new AtomicInteger();
            for (CacheKey.Bucket key : onEachNode) {
                assertThat(b.lookup(key, key.day(), key.day(), days -> {
                    calls.incrementAndGet();
                    return new CalcomOutcome.Success<>(List.of(), null);
                }).outcome()).isEqualTo(CacheOutcome.MISS);
            }
            assertThat(calls).hasValue(onEachNode.size());
        }

        /** Buckets of different days whose keys live on different nodes, one per node, found by asking the nodes. */
        private List<CacheKey.Bucket> oneKeyPerNode() {
            List<CacheKey.Bucket> found = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            for (int d = 0; d < 366 && found.size() < cluster.nodes().size(); d++) { // slots spread: a few days do
                CacheKey.Bucket key = new CacheKey.Bucket(TenantId.DEFAULT, 11, 30, DAY.plusDays(d));
                String redisKey = a.tier.keys().bucket(key);
                for (int n = 0; n < cluster.nodes().size(); n++) {
                    // the owner answers nil; the others redirect with -MOVED
                    if (!cluster.nodes().get(n).call("GET", redisKey).startsWith("-MOVED") && !owners.contains(n)) {
                        owners.add(n);
                        found.add(key);
                    }
                }
            }
            assertThat(found).as("a key on each node").hasSize(cluster.nodes().size());
            return found;
        }
    }
}
