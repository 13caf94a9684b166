package io.slotgate.calcom;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shares the answers of Cal.com's list calls (the event types of the key's owner, its teams, their event types, a
 * host's public list) among the instances spending one key: the catalog of every instance reads them, and without this
 * each instance's start and each of its refreshes spent the same calls again, two instances twice the catalog's
 * calls. An answer is shared for {@link #SHARED_FOR}, so a list read by one instance answers the others' loads within
 * that time; a list older than that is asked again. Only successful answers of those GETs are shared; everything else
 * passes through. First in the chain: a shared answer is no call, so it takes no token, no breaker slot, no retry.
 * One instance makes each call: the others wait for its answer (at most {@link #AWAIT_OTHERS}), then ask themselves.
 */
public final class SharedListsInterceptor implements CalcomInterceptor {
    /** How long one instance's list answer serves the others: well under the catalog's refresh period (30 min). */
    public static final Duration SHARED_FOR = Duration.ofMinutes(5);
    private static final Pattern LISTS = Pattern.compile(
            "/v2/event-types(\\?username=[^&]+)?|/v2/teams|/v2/teams/\\d+/event-types"
                    + "|/v2/organizations/\\d+/teams/event-types\\?skip=\\d+&take=\\d+");

    /** How long an instance waits for the answer of a list call another instance is making. */
    static final Duration AWAIT_OTHERS = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(50);

    /** Where shared answers live (Redis), keyed by the request; a store that fails answers nothing and keeps nothing. */
    public interface Store {
        Optional<UpstreamResponse> get(String request);

        void put(String request, UpstreamResponse response, Duration ttl);

        /** Claims the call of this request for {@code ttl}: false while another instance holds the claim. */
        boolean claim(String request, Duration ttl);
    }

    private final Store store;
    private final Sleeper sleeper;

    public SharedListsInterceptor(Store store, Sleeper sleeper) {
        this.store = store;
        this.sleeper = sleeper;
    }

    @Override
    public UpstreamResponse intercept(UpstreamRequest request, Chain chain) throws IOException {
        if (!request.method().equals("GET") || !LISTS.matcher(request.pathAndQuery()).matches()) {
            return chain.proceed(request);
        }
        // the API version shapes the answer: part of what is shared
        String key = request.headers().getOrDefault("cal-api-version", "") + " " + request.pathAndQuery();
        Optional<UpstreamResponse> shared = store.get(key);
        if (shared.isPresent()) {
            return shared.get();
        }
        if (!store.claim(key, AWAIT_OTHERS)) {
            // instances started together load their catalogs together: one makes each call, the others read its answer
            shared = awaitOthers(key);
            if (shared.isPresent()) {
                return shared.get();
            }
        }
        UpstreamResponse response = chain.proceed(request);
        if (response.status() == 200) {
            store.put(key, response, SHARED_FOR);
        }
        return response;
    }

    private Optional<UpstreamResponse> awaitOthers(String key) throws IOException {
        for (long waited = 0; waited < AWAIT_OTHERS.toMillis(); waited += POLL.toMillis()) {
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for another instance's list call");
            }
            Optional<UpstreamResponse> shared = store.get(key);
            if (shared.isPresent()) {
                return shared;
            }
        }
        return Optional.empty(); // the other instance's call failed or was slow: this one asks itself
    }
}
