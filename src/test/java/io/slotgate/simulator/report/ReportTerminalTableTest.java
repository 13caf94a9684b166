package io.slotgate.simulator.report;

import io.slotgate.simulator.PolicyResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTerminalTableTest {

    @Test
    void everyPolicyHasARowWithItsFormattedFigures() {
        String table = TerminalTable.render(ReportFixtures.withoutSweeps());
        List<String> lines = table.lines().toList();

        assertThat(lines.get(0)).startsWith("policy").contains("hit %", "refused %", "refused budget / upstream",
                "false-avail %", "false-avail/day", "false-unavail %", "offers after webhook",
                "after webhook median / max s", "failed bookings", "calls/day/ET", "calls/run", "429s", "mean ms",
                "p95 ms", "p99 ms", "max age s");
        assertThat(lines).hasSize(2 + 4);
        String slotgate = lines.stream().filter(l -> l.startsWith("slotgate ")).findFirst().orElseThrow();
        // 496 000 / 500 000 hits, none refused, 427 false-available (142.33 per seed-day), 1 310 false-unavailable,
        // 12 of 4 200 bookings failed, 2 160 calls over 3 seeds x 5 event types, 60 s max age
        assertThat(slotgate.trim().split(" {2,}")).containsExactly("slotgate", "99.20", "0", "0 / 0", "0.0854", "142",
                "0.262", "437", "0", "-", "12 (0.286%)", "144", "720", "0", "3.20", "12.0", "310", "60");
        String before = lines.stream().filter(l -> l.startsWith("seed-before ")).findFirst().orElseThrow();
        assertThat(before.trim().split(" {2,}")).containsExactly("seed-before", "0", "0", "0 / 0", "0", "0", "0", "0",
                "0", "-", "0 (0%)", "33333", "166667", "37", "413", "690", "1450", "0");
    }

    @Test
    void refusalsAreTheirOwnColumnsAndCountAgainstTheHitRateButNotInTheJudgedRates() {
        String hybrid = TerminalTable.render(ReportFixtures.withoutSweeps()).lines()
                .filter(l -> l.startsWith("seed-hybrid ")).findFirst().orElseThrow();
        // 470 500 hits of 500 000 queries; 2 500 + 500 refused (0.6%), so 497 000 answers: 1 650 false-available
        // (0.332% of answers, not 0.330% of queries), 2 100 false-unavailable; offered after the webhook 3 times,
        // 1.5, 6 and 37 s after it
        assertThat(hybrid.trim().split(" {2,}")).containsExactly("seed-hybrid", "94.10", "0.600", "2500 / 500",
                "0.332", "550", "0.423", "700", "3", "6.00 / 37.0", "40 (0.952%)", "1200", "6000", "0", "21.4", "330",
                "760", "120");
    }

    @Test
    void columnsLineUpUnderTheirHeaders() {
        List<String> lines = TerminalTable.render(ReportFixtures.withoutSweeps()).lines().toList();
        int hitEnd = lines.get(0).indexOf("hit %") + "hit %".length();
        for (String line : lines.subList(2, lines.size())) {
            assertThat(line.charAt(hitEnd - 1)).as(line).isNotEqualTo(' ');
            assertThat(line.charAt(hitEnd)).as(line).isEqualTo(' ');
        }
        assertThat(lines.get(1)).matches("-+");
    }

    @Test
    void aSweepIsASmallTableOfValuesAgainstPolicies() {
        String table = TerminalTable.render(ReportFixtures.withSweep());

        assertThat(table).contains("Sweep: bookings per hour (1/h)", "hit % / false-available % / Cal.com calls", "/ refused %");
        List<String> lines = table.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("bookings per hour (1/h)")).findFirst()
                .orElseThrow());
        assertThat(lines.get(header)).contains("seed-before", "seed-phase1", "seed-hybrid", "slotgate");
        assertThat(lines.subList(header + 2, header + 6)).extracting(l -> l.trim().split(" {2,}")[0])
                .containsExactly("5", "10", "20", "40");
        // slotgate at 20 bookings/h: 495 000 hits, 854 false-available, 2 520 calls / 15, none refused
        assertThat(lines.get(header + 4)).contains("99.00 / 0.171 / 168 / 0");
        // seed-hybrid at 20 bookings/h: 466 000 hits, 2 000 refused, 3 300 false-available of 498 000 answers
        assertThat(lines.get(header + 4)).contains("93.20 / 0.663 / 1333 / 0.400");
    }

    @Test
    void aPolicyMissingFromASweepPointShowsADash() {
        PolicyResult a = ReportFixtures.slotgate();
        PolicyResult b = ReportFixtures.policies().getFirst();
        var sweep = new io.slotgate.simulator.SimulationResult.Sweep("ttl", "s", List.of(
                new io.slotgate.simulator.SimulationResult.Point(30, List.of(a, b)),
                new io.slotgate.simulator.SimulationResult.Point(60, List.of(a))));
        String table = TerminalTable.render(ReportFixtures.result(List.of(a), List.of(sweep)));
        String row60 = table.lines().filter(l -> l.startsWith("60 ")).findFirst().orElseThrow();
        assertThat(row60.trim()).endsWith(" -");
    }
}
