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
 */
public final class SharedListsInterceptor implements CalcomInterceptor {
    /** How long one instance's list answer serves the others: well under the catalog's refresh period (30 min). */
    public static final Duration SHARED_FOR = Duration.ofMinutes(5);
    private static final Pattern LISTS = Pattern.compile(
            "/v2/event-types(\\?username=[^&]+)?|/v2/teams|/v2/teams/\\d+/event-types"
                    + "|/v2/organizations/\\d+/teams/event-types\\?skip=\\d+&take=\\d+");

    /** Where shared answers live (Redis), keyed by the request; a store that fails answers nothing and keeps nothing. */
    public interface Store {
        Optional<UpstreamResponse> get(String request);

        void put(String request, UpstreamResponse response, Duration ttl);
    }

    private final Store store;

    public SharedListsInterceptor(Store store) {
        this.store = store;
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
        UpstreamResponse response = chain.proceed(request);
        if (response.status() == 200) {
            store.put(key, response, SHARED_FOR);
        }
        return response;
    }
}
