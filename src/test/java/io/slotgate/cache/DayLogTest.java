package io.slotgate.cache;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The changes of one day that a bucket older than the counter is patched with. */
class DayLogTest {
    private static final Instant T = Instant.parse("2030-01-07T10:00:00Z");

    private static DayChange.Busy busy(int secondsAfter) {
        Instant at = T.plusSeconds(secondsAfter);
        return new DayChange.Busy(at, at.plusSeconds(3600), at.plusSeconds(5400), DayChange.Kind.BOOKED, true);
    }

    @Test
    void theChangesSinceAGenerationComeInOrderWhenEveryOneIsKnown() {
        DayLog log = new DayLog();
        log.append(busy(0));
        log.append(busy(1));
        log.append(busy(2));
        assertThat(log.since(1)).hasValueSatisfying(changes -> assertThat(changes).containsExactly(busy(1), busy(2)));
        assertThat(log.since(3)).hasValue(List.of());
        assertThat(log.since(4)).as("a generation not reached yet").isEmpty();
    }

    @Test
    void aChangeHeardOfOnlyByItsNumberLeavesAGapThatNothingIsPatchedAcross() {
        DayLog log = new DayLog();
        log.learn(new DayLog.Entry(1, busy(0)));
        log.learnCurrent(3); // a message of an older instance: the counter alone
        log.learn(new DayLog.Entry(3, busy(2)));
        assertThat(log.current()).isEqualTo(3);
        assertThat(log.since(0)).as("generation 2 is unknown").isEmpty();
        assertThat(log.since(2)).hasValueSatisfying(changes -> assertThat(changes).containsExactly(busy(2)));
        log.learn(new DayLog.Entry(2, busy(1))); // learned late, from Redis's log
        assertThat(log.since(0)).hasValueSatisfying(c -> assertThat(c).containsExactly(busy(0), busy(1), busy(2)));
    }

    @Test
    void onlyTheLastChangesAreKept() {
        DayLog log = new DayLog();
        for (int i = 0; i < DayLog.KEPT + 5; i++) {
            log.append(busy(i));
        }
        assertThat(log.since(4)).as("older than what is kept").isEmpty();
        assertThat(log.since(5)).hasValueSatisfying(c -> assertThat(c).hasSize(DayLog.KEPT));
    }

    @Test
    void asOfGoesBackOverBusyTimesLearnedSinceButNotOverADrop() {
        DayLog log = new DayLog();
        log.append(busy(0));                                          // 1
        log.append(new DayChange.Dropped(T.plusSeconds(10), "admin")); // 2
        log.append(busy(20));                                         // 3
        log.append(busy(21));                                         // 4
        assertThat(log.asOf(T.plusSeconds(30))).isEqualTo(4);
        assertThat(log.asOf(T.plusSeconds(20))).as("the busy time learned at 21 s is patched in again").isEqualTo(3);
        assertThat(log.asOf(T.plusSeconds(15))).isEqualTo(2);
        assertThat(log.asOf(T)).as("never below the drop: nothing could be patched across it").isEqualTo(2);
    }
}
