package io.slotgate.simulator.report;

import java.util.ArrayList;
import java.util.List;

import static io.slotgate.simulator.report.SvgPlot.n;

/** The legend under a plot: the series it names, left to right, wrapping onto as many rows as the width needs. */
final class PlotLegend {
    private static final int ROW_HEIGHT = 17;

    private final List<SvgPlot.Series> named;
    /** Per series named: its x and its row. */
    private final List<double[]> positions = new ArrayList<>();
    private final int rows;

    PlotLegend(List<SvgPlot.Series> series, double left, double right) {
        this.named = series.stream().filter(SvgPlot.Series::inLegend).toList();
        double x = left;
        int row = named.isEmpty() ? 0 : 1;
        for (SvgPlot.Series s : named) {
            double w = 30 + s.name().length() * SvgPlot.CHAR_WIDTH + 14;
            if (x + w > right && x > left) {
                row++;
                x = left;
            }
            positions.add(new double[]{x, row - 1});
            x += w;
        }
        this.rows = row;
    }

    /** The room it takes under the axis label: its rows and a margin, nothing when it names no series. */
    int height() {
        return rows == 0 ? 0 : rows * ROW_HEIGHT + 8;
    }

    void draw(StringBuilder b, double top) {
        for (int i = 0; i < named.size(); i++) {
            SvgPlot.Series s = named.get(i);
            double x = positions.get(i)[0];
            double y = top + positions.get(i)[1] * ROW_HEIGHT;
            b.append("<line x1=\"").append(n(x)).append("\" x2=\"").append(n(x + 22)).append("\" y1=\"").append(n(y))
                    .append("\" y2=\"").append(n(y)).append("\" stroke=\"").append(s.colour())
                    .append("\" stroke-width=\"").append(s.line() || !s.markers() ? "2.5" : "0").append('"');
            if (s.dash() != null) {
                b.append(" stroke-dasharray=\"").append(s.dash()).append('"');
            }
            b.append("/>\n");
            if (s.markers()) {
                b.append("<circle cx=\"").append(n(x + 11)).append("\" cy=\"").append(n(y)).append("\" r=\"3.5\" fill=\"")
                        .append(s.colour()).append("\"/>\n");
            }
            b.append("<text x=\"").append(n(x + 28)).append("\" y=\"").append(n(y + 4)).append("\" fill=\"#222222\">")
                    .append(Fmt.xml(s.name())).append("</text>\n");
        }
    }
}
