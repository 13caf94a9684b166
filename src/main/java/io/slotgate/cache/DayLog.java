package io.slotgate.cache;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The last changes of one day by generation, as far as one process knows them: its own, those broadcast by others
 * and those read from the shared tier. At most {@link #KEPT}; a bucket older than what is kept cannot be brought up
 * to date, and is refetched instead. Thread-safe.
 */
public final class DayLog {
    /** Changes kept per day: a busy day sees a few dozen in the hour a bucket lives. */
    public static final int KEPT = 64;

    /** One step of a day's generation. */
    public record Entry(long generation, DayChange change) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long current;

    public synchronized long current() {
        return current;
    }

    /** Appends the next change; returns its generation. */
    public synchronized long append(DayChange change) {
        current++;
        add(new Entry(current, change));
        return current;
    }

    /**
     * Learns a change by its generation (from another instance or the shared tier), in any order: the counter only
     * grows, and a change already known is not added twice.
     */
    public synchronized void learn(Entry entry) {
        if (entries.stream().noneMatch(e -> e.generation() == entry.generation())) {
            List<Entry> all = new ArrayList<>(entries);
            all.add(entry);
            all.sort(java.util.Comparator.comparingLong(Entry::generation));
            entries.clear();
            all.forEach(this::add);
        }
        learnCurrent(entry.generation());
    }

    /** Learns the counter alone (a change heard of only by its number). */
    public synchronized void learnCurrent(long generation) {
        if (generation > current) {
            current = generation;
        }
    }

    /** The changes after {@code generation}, in order, when every one of them is kept. */
    public synchronized Optional<List<DayChange>> since(long generation) {
        if (generation > current) {
            return Optional.empty();
        }
        List<DayChange> changes = new ArrayList<>();
        long next = generation + 1;
        for (Entry e : entries) {
            if (e.generation() < next) {
                continue;
            }
            if (e.generation() != next) {
                return Optional.empty();
            }
            changes.add(e.change());
            next++;
        }
        return next == current + 1 ? Optional.of(changes) : Optional.empty();
    }

    /**
     * The generation before the first busy time learned after {@code instant} (the current one when there is none),
     * never below the newest change that dropped the day's copies: a bucket cannot be brought past one of those, so a
     * fill is stored above it even when Cal.com's result cache might not show it yet.
     */
    public synchronized long asOf(Instant instant) {
        long before = current;
        Iterator<Entry> newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext()) {
            Entry e = newestFirst.next();
            if (e.change() instanceof DayChange.Dropped || !e.change().learnedAt().isAfter(instant)) {
                break;
            }
            before = e.generation() - 1;
        }
        return before;
    }

    /** The newest generation whose change is kept (0 when none is). */
    public synchronized long newestKept() {
        return entries.isEmpty() ? 0 : entries.peekLast().generation();
    }

    private void add(Entry entry) {
        entries.addLast(entry);
        while (entries.size() > KEPT) {
            entries.removeFirst();
        }
    }
}
