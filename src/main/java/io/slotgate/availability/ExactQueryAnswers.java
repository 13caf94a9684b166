package io.slotgate.availability;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomClient;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.Priority;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.slots.Slot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The seed profiles' way: whole answers cached by exact query, so their figures stay comparable with the seed's. */
final class ExactQueryAnswers {
    private final CalcomClient client;
    private final Clock clock;
    private final ExactQueryCache exactQueries;

    ExactQueryAnswers(CalcomClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.exactQueries = new ExactQueryCache(clock);
    }

    Availability answer(SlotsQuery query, PolicyProfile profile) {
        var key = new ExactQueryCache.Key(query.eventTypeId(), query.range(), query.durationMinutes());
        Optional<ExactQueryCache.Entry> cached = exactQueries.fresh(key, profile);
        if (cached.isPresent()) {
            return new Availability(cached.get().slots(), CacheOutcome.HIT,
                    Duration.between(cached.get().fetchedAt(), clock.instant()));
        }
        CalcomOutcome<List<Slot>> outcome = client.slots(query.eventTypeId(), query.range(), query.durationMinutes(),
                Priority.USER);
        if (!(outcome instanceof CalcomOutcome.Success<List<Slot>> ok)) {
            throw new FillFailedException(outcome, Priority.USER);
        }
        List<Slot> inRange = ok.value().stream().filter(s -> query.range().contains(s.start())).toList();
        exactQueries.put(key, inRange);
        return new Availability(inRange, CacheOutcome.MISS, Duration.ZERO);
    }

    void removeEventType(long eventTypeId) {
        exactQueries.removeEventType(eventTypeId);
    }

    void clear() {
        exactQueries.clear();
    }
}
