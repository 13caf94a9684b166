package io.slotgate.cache.redis;

import io.slotgate.support.RedisClusterSetup;
import io.slotgate.support.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resharding under running instances: the hash slot of a day's bucket, generation and lease moves to another node of
 * a real three-node cluster, as {@code redis-cli --cluster reshard} moves it. Reads, the conditional write and the
 * invalidation broadcast must follow the slot to its new node.
 */
class RedisClusterReshardTest extends TopologyChangeFixture {
    @RegisterExtension
    static final RedisClusterSetup cluster = new RedisClusterSetup();

    @Override
    String url() {
        return cluster.url();
    }

    @Test
    void afterTheDaysHashSlotMovesToAnotherNodeReadsWritesAndInvalidationsFollowIt() {
        fillTheDay();
        String bucketKey = a.tier.keys().bucket(KEY);
        RedisServerProcess source = cluster.ownerOf(bucketKey);
        RedisServerProcess target = cluster.nodes().stream().filter(n -> n != source).findFirst().orElseThrow();
        int hashSlot = Integer.parseInt(source.call("CLUSTER", "KEYSLOT", bucketKey).substring(1));

        cluster.moveSlot(hashSlot, source, target);

        assertThat(cluster.ownerOf(bucketKey)).isSameAs(target);
        assertThat(target.call("EXISTS", bucketKey)).as("the bucket moved with its slot").isEqualTo(":1");
        // b never read the day: it finds the bucket on its new node
        readsTheFilledDayWithoutCalcom(b);
        // b invalidates: the generation moves on the new node and reaches a, whose L1 holds the day
        anInvalidationReachesTheOtherAndItsRefillIsShared(b, a);
        assertThat(generationStoredOn(target, bucketKey)).as("generation of the bucket on the new node").isEqualTo("1");
        assertThat(a.tier.stats().redisErrors() + b.tier.stats().redisErrors()).as("Redis errors").isZero();
    }
}
