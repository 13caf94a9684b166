package io.slotgate.cache.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.slotgate.cache.CacheKey;
import io.slotgate.cache.FillLeases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Per-day fill leases: {@code SET sg:{tenant}:lease:{eventTypeId}:{duration}:{day} token NX PX lease}, sent together
 * for a run. Days we get are ours to fetch; the others are being fetched by another instance and are awaited for at
 * most the lease's length. Released (only if still ours) as soon as the fill is done. Without Redis every day is ours.
 */
final class RedisFillLeases implements FillLeases {
    private static final Duration POLL = Duration.ofMillis(25);

    private final RedisTier tier;

    RedisFillLeases(RedisTier tier) {
        this.tier = tier;
    }

    @Override
    public Claim claim(List<CacheKey.Bucket> run) {
        if (!tier.available()) {
            return new Claim(run, List.of(), () -> { });
        }
        String token = tier.newLeaseToken();
        long timeoutMs = tier.settings().commandTimeout().toMillis();
        try {
            SetArgs args = SetArgs.Builder.nx().px(tier.settings().lease().toMillis());
            List<RedisFuture<String>> answers = new ArrayList<>(run.size());
            for (CacheKey.Bucket day : run) {
                answers.add(tier.async().set(tier.keys().lease(day), token, args));
            }
            List<CacheKey.Bucket> mine = new ArrayList<>();
            List<CacheKey.Bucket> theirs = new ArrayList<>();
            for (int i = 0; i < run.size(); i++) {
                String ok = answers.get(i).get(timeoutMs, TimeUnit.MILLISECONDS);
                (ok == null ? theirs : mine).add(run.get(i));
            }
            tier.counters().leaseWaits.add(theirs.size());
            return new Claim(mine, theirs, () -> release(mine, token));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unclaimed(run, new IllegalStateException(e));
        } catch (ExecutionException | TimeoutException e) {
            return unclaimed(run, new IllegalStateException(e));
        } catch (RuntimeException e) {
            return unclaimed(run, e);
        }
    }

    /** Without a lease this instance fills the days itself, as it would without Redis; the tier logs the cause. */
    private Claim unclaimed(List<CacheKey.Bucket> run, RuntimeException cause) {
        tier.absorbed("taking fill leases", cause);
        return new Claim(run, List.of(), () -> { });
    }

    private void release(List<CacheKey.Bucket> days, String token) {
        if (!tier.available()) {
            return; // they expire on their own
        }
        for (CacheKey.Bucket day : days) {
            try {
                tier.eval(Scripts.RELEASE_LEASE, ScriptOutputType.INTEGER, new String[] {tier.keys().lease(day)}, token);
            } catch (RuntimeException e) {
                tier.absorbed("releasing a fill lease", e);
                return;
            }
        }
    }

    @Override
    public boolean heldElsewhere(CacheKey.Bucket day) {
        if (!tier.available()) {
            return false;
        }
        try {
            return tier.sync().exists(tier.keys().lease(day)) > 0;
        } catch (RuntimeException e) {
            tier.absorbed("reading a fill lease", e);
            return false;
        }
    }

    @Override
    public Duration patience() {
        return tier.settings().lease();
    }

    @Override
    public Duration pollEvery() {
        return POLL;
    }
}
