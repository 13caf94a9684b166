package io.slotgate.ops;

import io.slotgate.calcom.CalcomInterceptor;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the calls that reach Cal.com per UTC day and event type, in process: the figure behind "what does an event
 * type cost us upstream". Sits last in the client's chain, just before the transport, so it sees exactly the calls
 * that leave slotgate (a call the rate budget refuses is not one; each retry is). The event type is read from the
 * request: {@code eventTypeId=} in the query ({@code /v2/slots}) or {@code /v2/event-types/{id}} in the path; calls
 * naming none (bookings, pass-throughs) are counted under event type 0. Only the last {@link #DAYS_KEPT} days are kept.
 */
public final class UpstreamLedger implements CalcomInterceptor {
    public static final int DAYS_KEPT = 14;
    private static final Pattern QUERY_ID = Pattern.compile("[?&]eventTypeId=(\\d{1,18})(?:&|$)");
    private static final Pattern PATH_ID = Pattern.compile("^/v2/event-types/(\\d{1,18})(?:/|$)");

    private final Clock clock;
    private final ConcurrentHashMap<Key, LongAdder> calls = new ConcurrentHashMap<>();
    private volatile LocalDate newestDay = LocalDate.MIN;

    public UpstreamLedger(Clock clock) {
        this.clock = clock;
    }

    private record Key(LocalDate day, long eventTypeId) {
    }

    /** Upstream calls of one UTC day for one event type (0: calls naming no event type). */
    public record Entry(LocalDate day, long eventTypeId, long calls) {
    }

    @Override
    public UpstreamResponse intercept(UpstreamRequest request, Chain chain) throws IOException {
        record(request);
        return chain.proceed(request);
    }

    void record(UpstreamRequest request) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        calls.computeIfAbsent(new Key(today, eventTypeOf(request)), k -> new LongAdder()).increment();
        if (today.isAfter(newestDay)) {
            newestDay = today;
            LocalDate oldestKept = today.minusDays(DAYS_KEPT - 1L);
            calls.keySet().removeIf(k -> k.day().isBefore(oldestKept));
        }
    }

    /** The event type a request is about, or 0. */
    static long eventTypeOf(UpstreamRequest request) {
        String pathAndQuery = request.pathAndQuery();
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            Matcher m = QUERY_ID.matcher(pathAndQuery.substring(q));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        Matcher m = PATH_ID.matcher(request.path());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Every (day, event type) with at least one call, newest day first, then by event type. */
    public List<Entry> snapshot() {
        List<Entry> entries = new ArrayList<>();
        calls.forEach((key, adder) -> entries.add(new Entry(key.day(), key.eventTypeId(), adder.sum())));
        entries.sort(Comparator.comparing(Entry::day).reversed().thenComparingLong(Entry::eventTypeId));
        return entries;
    }

    /** Calls of one day for one event type. */
    public long calls(LocalDate day, long eventTypeId) {
        LongAdder adder = calls.get(new Key(day, eventTypeId));
        return adder == null ? 0 : adder.sum();
    }
}
