package io.slotgate.calcom;

import java.util.function.IntSupplier;

/**
 * What each priority must leave free of the window, and the fair shares' sizes: all fractions of the capacity now,
 * which moves when Cal.com tells another limit.
 */
final class PriorityReserves {
    private final RateBudget.Settings settings;
    private final IntSupplier capacity;

    PriorityReserves(RateBudget.Settings settings, IntSupplier capacity) {
        this.settings = settings;
        this.capacity = capacity;
    }

    /** Calls a priority must leave free in the window. */
    int reserve(Priority priority) {
        return switch (priority) {
            case USER -> 0;
            // the refetch of a changed copy comes right after users: half the refresh reserve is still theirs
            case REFETCH -> percentOfCapacity(settings.refreshReservePercent() / 2.0);
            case REFRESH -> percentOfCapacity(settings.refreshReservePercent());
            case WARMING, VERIFICATION -> percentOfCapacity(settings.backgroundReservePercent());
            // a reader who already has a safe answer asks for the exact one only while most of the window is free
            case EXACT -> percentOfCapacity(RateBudget.EXACT_RESERVE_PERCENT);
        };
    }

    /** The most misses one client asks for in a window before they are held behind everyone else's. */
    int clientShare() {
        return Math.max(1, percentOfCapacity(settings.clientSharePercent()));
    }

    int overShareReserve() {
        return percentOfCapacity(settings.overShareReservePercent());
    }

    private int percentOfCapacity(double percent) {
        return (int) Math.ceil(capacity.getAsInt() * percent / 100.0);
    }
}
