package io.slotgate.ops;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The verifier's counts so far, and the ratios its snapshot makes of them. */
final class StalenessTally {
    private final LongAdder verified = new LongAdder();
    private final LongAdder fresh = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder falseAvailableAnswers = new LongAdder();
    private final LongAdder falseUnavailableAnswers = new LongAdder();
    private final LongAdder falseAvailableSlots = new LongAdder();
    private final LongAdder falseUnavailableSlots = new LongAdder();
    private final LongAdder invalidated = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    void skipped() {
        skipped.increment();
    }

    /** A sample Cal.com answered for: fresh, or stale of one kind or both. */
    void verified(SlotComparison found) {
        verified.increment();
        if (found.verdict() == StalenessVerifier.Verdict.FRESH) {
            fresh.increment();
            return;
        }
        stale.increment();
        if (!found.falseAvailable().isEmpty()) {
            falseAvailableAnswers.increment();
            falseAvailableSlots.add(found.falseAvailable().size());
        }
        if (!found.falseUnavailable().isEmpty()) {
            falseUnavailableAnswers.increment();
            falseUnavailableSlots.add(found.falseUnavailable().size());
        }
    }

    void invalidated() {
        invalidated.increment();
    }

    StalenessVerifier.Snapshot snapshot(IntSupplier pending) {
        long n = verified.sum();
        return new StalenessVerifier.Snapshot(n, fresh.sum(), stale.sum(), falseAvailableAnswers.sum(),
                falseUnavailableAnswers.sum(), falseAvailableSlots.sum(), falseUnavailableSlots.sum(), invalidated.sum(),
                skipped.sum(), pending.getAsInt(), ratio(stale.sum(), n), ratio(falseAvailableAnswers.sum(), n),
                ratio(falseUnavailableAnswers.sum(), n));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
