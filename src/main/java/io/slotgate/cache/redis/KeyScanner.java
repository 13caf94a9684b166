package io.slotgate.cache.redis;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.ScanIterator;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Lists and counts keys in Redis by SCAN, for the admin API and the stats: never on a request's path. */
final class KeyScanner {
    /** Logged under the tier's name, which log settings and readers of the logs already know. */
    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);
    private static final Pattern ANY = Pattern.compile(".*");

    private final RedisKeys keys;
    private final RedisConnections connections;
    private final TrustState trust;

    KeyScanner(RedisKeys keys, RedisConnections connections, TrustState trust) {
        this.keys = keys;
        this.connections = connections;
        this.trust = trust;
    }

    /** Keys in Redis matching a glob on their rendered form, at most {@code limit}, as rendered (no hash tag). */
    List<String> scanKeys(String glob, Pattern matches, int limit) {
        if (!trust.available()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            ScanIterator<String> it = ScanIterator.scan(connections.sync(),
                    KeyScanArgs.Builder.matches(keys.scanMatch(glob)).limit(1000));
            while (it.hasNext() && found.size() < limit) {
                String rendered = keys.rendered(it.next());
                if (matches.matcher(rendered).matches()) {
                    found.add(rendered);
                }
            }
        } catch (RuntimeException e) {
            trust.failed("listing keys", e);
        }
        return found;
    }

    /** The bucket keys in Redis of one tenant, of one event type when it is positive. */
    List<CacheKey.Bucket> bucketKeys(TenantId tenant, long eventTypeId) {
        List<CacheKey.Bucket> buckets = new ArrayList<>();
        for (String rendered : scanKeys(keys.bucketPattern(tenant, eventTypeId), ANY, Integer.MAX_VALUE)) {
            try {
                if (CacheKey.parse(rendered) instanceof CacheKey.Bucket bucket) {
                    buckets.add(bucket);
                }
            } catch (IllegalArgumentException e) {
                LOG.debug("ignoring a key that is not slotgate's: {}", rendered);
            }
        }
        return buckets;
    }

    long countKeys(String pattern) {
        long count = 0;
        ScanIterator<String> it = ScanIterator.scan(connections.sync(), KeyScanArgs.Builder.matches(pattern).limit(1000));
        while (it.hasNext()) {
            it.next();
            count++;
        }
        return count;
    }
}
