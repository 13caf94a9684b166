package io.slotgate.availability;

import io.slotgate.cache.DayBucket;
import io.slotgate.time.MutableClock;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.List;

/**
 * Measures the heap that 10,000 distinct kept renderings take, against what the byte bound counts for them:
 * {@code bench/jmh.sh memory}. Each answer gets its own bytes (as distinct queries would), the buckets are shared
 * (as distinct queries over the same days share them in L1). Prints one line per case.
 */
public final class RenderedAnswersMemory {
    private RenderedAnswersMemory() {
    }

    public static void main(String[] args) throws Exception {
        measure("one-day answers", 1, 10_000);
        measure("7-day answers", 7, 10_000);
    }

    private static void measure(String name, int days, int count) throws Exception {
        Instant now = Instant.parse("2030-01-06T08:00:00.250Z");
        MutableClock clock = new MutableClock(now);
        List<DayBucket> buckets = RenderedWeek.buckets(days, now);
        String body = RenderedWeek.BERLIN.render(RenderedWeek.slots(days));
        long before = used();
        PreparedAnswers answers = new PreparedAnswers(clock, PreparedAnswers.DEFAULT_MAX_BYTES);
        for (int n = 0; n < count; n++) {
            // a fresh rendering each: its own byte arrays and tags, as distinct queries get
            answers.put(RenderedWeek.key(n, days), RenderedWeek.entry(RenderedAnswer.of(body), buckets, now,
                    now.plusSeconds(3600)));
        }
        long kept = answers.size();
        long counted = answers.weightedBytes();
        long heap = used() - before;
        System.out.printf("%-16s body %6d B: %5d of %d kept, counted %6.1f MiB, heap %6.1f MiB (%.2f of counted), "
                        + "bound %d MiB%n", name, body.length(), kept, count, counted / 1048576.0, heap / 1048576.0,
                (double) heap / counted, PreparedAnswers.DEFAULT_MAX_BYTES / 1048576);
        answers.clear();
    }

    private static long used() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
