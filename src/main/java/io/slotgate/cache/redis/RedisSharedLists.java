package io.slotgate.cache.redis;

import io.slotgate.calcom.SharedListsInterceptor;
import io.slotgate.calcom.UpstreamResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared list answers of one Cal.com key in Redis: the status and body (with its content type), under the key's
 * fingerprint. Used only while the tier is available; a failed command is absorbed (the call is then made, or its
 * answer not shared), since an instance can always ask Cal.com itself.
 */
final class RedisSharedLists implements SharedListsInterceptor.Store {
    private final RedisTier tier;
    private final String fingerprint;

    RedisSharedLists(RedisTier tier, String fingerprint) {
        this.tier = tier;
        this.fingerprint = fingerprint;
    }

    @Override
    public Optional<UpstreamResponse> get(String request) {
        if (!tier.available()) {
            return Optional.empty();
        }
        try {
            String stored = tier.sync().get(tier.keys().sharedCall(fingerprint, request));
            if (stored == null) {
                return Optional.empty();
            }
            int newline = stored.indexOf('\n');
            return Optional.of(new UpstreamResponse(Integer.parseInt(stored.substring(0, newline)),
                    Map.of("content-type", List.of("application/json")), stored.substring(newline + 1)));
        } catch (RuntimeException e) {
            tier.absorbed("reading a shared list answer", e);
            return Optional.empty();
        }
    }

    @Override
    public boolean claim(String request, Duration ttl) {
        if (!tier.available()) {
            return true;
        }
        try {
            return "OK".equals(tier.sync().set(tier.keys().sharedCallClaim(fingerprint, request), "1",
                    io.lettuce.core.SetArgs.Builder.nx().px(ttl.toMillis())));
        } catch (RuntimeException e) {
            tier.absorbed("claiming a list call", e);
            return true;
        }
    }

    @Override
    public void put(String request, UpstreamResponse response, Duration ttl) {
        if (!tier.available()) {
            return;
        }
        try {
            tier.sync().psetex(tier.keys().sharedCall(fingerprint, request), ttl.toMillis(),
                    response.status() + "\n" + response.body());
        } catch (RuntimeException e) {
            tier.absorbed("sharing a list answer", e);
        }
    }
}
