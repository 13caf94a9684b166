package io.slotgate.availability;

import io.slotgate.cache.CacheOutcome;
import io.slotgate.cache.Lookup;

import java.time.Duration;

/** Answers a query from its day buckets: read, laid out as Cal.com would, and announced. */
final class BucketAnswers {
    private final BucketReader reader;
    private final DayLayout layout;
    private final ServedAnnouncer announcer;

    BucketAnswers(BucketReader reader, DayLayout layout, ServedAnnouncer announcer) {
        this.reader = reader;
        this.layout = layout;
        this.announcer = announcer;
    }

    Availability answer(SlotsQuery query) {
        BucketReader.Read read = reader.read(query);
        Lookup lookup = read.lookup();
        DayLayout.LaidOut laid = layout.laidOut(query, lookup, read.info(), read.now(), read.earliest());
        announcer.served(query, read, laid.layout());
        // Cal.com's own answer, asked for this reader, is a miss of the cache however its days were found
        boolean asked = laid.layout() == LayoutCounts.Layout.ASKED;
        return new Availability(laid.slots(), asked ? CacheOutcome.MISS : lookup.outcome(),
                asked ? Duration.ZERO : lookup.age(), !asked && lookup.patched(), laid.layout());
    }
}
