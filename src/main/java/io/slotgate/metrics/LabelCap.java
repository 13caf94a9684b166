package io.slotgate.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the values one label may take: the first {@code limit} distinct values are kept, every later one becomes
 * {@value #OTHER}. A Prometheus series per value costs memory here and in Prometheus, and values that come from
 * requests (event type ids) are chosen by whoever sends them.
 */
final class LabelCap {
    static final String OTHER = "other";

    private final int limit;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    LabelCap(int limit) {
        this.limit = limit;
    }

    String label(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        synchronized (this) {
            if (admitted.contains(value)) {
                return value;
            }
            if (admitted.size() >= limit) {
                return OTHER;
            }
            admitted.add(value);
            return value;
        }
    }
}
