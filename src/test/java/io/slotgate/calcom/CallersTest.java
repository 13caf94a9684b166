package io.slotgate.calcom;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Who work runs for: a client named lazily is named only when asked, once, and the one before comes back. */
class CallersTest {
    @Test
    void aLazilyNamedClientIsNeverNamedWhenNothingAsksWhoTheWorkIsFor() throws Exception {
        AtomicInteger named = new AtomicInteger();
        Callers.runLazily(() -> "ip-" + named.incrementAndGet(), () -> { });
        assertThat(named).hasValue(0);
    }

    @Test
    void aLazilyNamedClientIsNamedOnceHoweverOftenTheWorkAsks() throws Exception {
        AtomicInteger named = new AtomicInteger();
        Set<String>[] seen = new Set[2];
        Callers.runLazily(() -> "ip-" + named.incrementAndGet(), () -> {
            seen[0] = Callers.current();
            seen[1] = Callers.current();
        });
        assertThat(seen[0]).containsExactly("ip-1");
        assertThat(seen[1]).containsExactly("ip-1");
        assertThat(named).hasValue(1);
    }

    @Test
    void whoTheThreadWorkedForBeforeComesBackAfterLazilyNamedWork() throws Exception {
        Set<String> inside = Callers.as(Set.of("outer"), () -> {
            try {
                Callers.runLazily(() -> "inner", () -> assertThat(Callers.current()).containsExactly("inner"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return Callers.current();
        });
        assertThat(inside).containsExactly("outer");
        assertThat(Callers.current()).isEmpty();
    }
}
