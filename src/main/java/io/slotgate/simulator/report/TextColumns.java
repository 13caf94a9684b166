package io.slotgate.simulator.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Cells in columns padded to their widest cell, two spaces apart, for a terminal: the simulator's {@link Table} and
 * the CLI's admin tables both print through it. A row may be shorter than the header (a tenant without some figure);
 * it simply ends early.
 */
public final class TextColumns {
    private final List<List<String>> rows = new ArrayList<>();

    public TextColumns(String... header) {
        rows.add(List.of(header));
    }

    public void row(String... cells) {
        rows.add(List.of(cells));
    }

    /** Whether there is no row under the header. */
    public boolean isEmpty() {
        return rows.size() == 1;
    }

    /** Header first, left-aligned. */
    public void print(PrintWriter out) {
        int[] widths = widths(rows);
        for (List<String> row : rows) {
            out.println(line(row, widths, column -> false));
        }
    }

    /** The widest cell of each column, over rows of any length. */
    static int[] widths(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    /** One row padded to the widths, without trailing blanks. */
    static String line(List<String> cells, int[] widths, IntPredicate rightAligned) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells.get(i);
            String pad = " ".repeat(widths[i] - c.length());
            l.append(rightAligned.test(i) ? pad + c : c + pad);
        }
        return l.toString().stripTrailing();
    }
}
