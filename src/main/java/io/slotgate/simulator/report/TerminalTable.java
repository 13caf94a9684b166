package io.slotgate.simulator.report;

import io.slotgate.simulator.SimulationResult;

/**
 * The simulation as aligned plain text for a terminal: one row per policy, then a small table per sweep.
 * Percentages carry no sign (the header says %); small ones keep three significant digits (0.0854).
 */
public final class TerminalTable {
    private TerminalTable() {
    }

    public static String render(SimulationResult result) {
        StringBuilder b = new StringBuilder();
        b.append(Table.main(result).toText());
        for (SimulationResult.Sweep sweep : result.sweeps()) {
            Table t = Table.sweep(sweep);
            b.append('\n').append(t.title()).append(Table.blank(sweep.unit()) ? "" : " (" + sweep.unit() + ")")
                    .append("  [").append(t.note()).append("]\n");
            b.append(t.toText());
        }
        return b.toString();
    }
}
