package io.slotgate.simulator.report;

import java.util.ArrayList;
import java.util.List;

import static io.slotgate.simulator.report.SvgPlot.n;

/**
 * A plot's point labels, each in the first free spot around its point: the headline series' first, so that they are
 * always drawn; the minor series' only where there is still room.
 */
final class PointLabels {
    private final PlotArea area;
    private final List<double[]> taken = new ArrayList<>();

    PointLabels(PlotArea area) {
        this.area = area;
    }

    void draw(StringBuilder b, List<SvgPlot.Series> series) {
        for (boolean minor : new boolean[]{false, true}) {
            for (SvgPlot.Series s : series) {
                if (s.minor() != minor) {
                    continue;
                }
                for (int i = 0; i < s.points().size(); i++) {
                    double[] p = s.points().get(i);
                    String label = i < s.labels().size() ? s.labels().get(i) : null;
                    if (label == null || label.isEmpty() || !SvgPlot.finite(p)) {
                        continue;
                    }
                    label(b, label, s, area.x(p[0]), area.y(p[1]));
                }
            }
        }
    }

    private void label(StringBuilder b, String label, SvgPlot.Series s, double x, double y) {
        double size = s.minor() ? 9 : 11;
        double w = label.length() * SvgPlot.CHAR_WIDTH * size / 11 + 2;
        double gap = s.minor() ? 4 : 7;
        // candidates: text box [x0, baseline] right-above, right-below, left-above, left-below
        double[][] spots = {
                {x + gap, y - gap}, {x + gap, y + gap + size}, {x - gap - w, y - gap}, {x - gap - w, y + gap + size}};
        double[] chosen = null;
        for (double[] spot : spots) {
            double[] box = {spot[0], spot[1] - size, spot[0] + w, spot[1] + 2};
            if (area.holds(box) && taken.stream().noneMatch(t -> overlaps(t, box))) {
                chosen = box;
                break;
            }
        }
        if (chosen == null) {
            if (s.minor()) {
                return; // crowded: the line and the table still tell
            }
            chosen = new double[]{spots[0][0], spots[0][1] - size, spots[0][0] + w, spots[0][1] + 2};
            if (chosen[2] > area.right()) {
                chosen = new double[]{spots[2][0], spots[2][1] - size, spots[2][0] + w, spots[2][1] + 2};
            }
        }
        taken.add(chosen);
        b.append("<text x=\"").append(n(chosen[0])).append("\" y=\"").append(n(chosen[3] - 2)).append('"')
                .append(s.minor() ? " font-size=\"9\"" : " font-weight=\"bold\"")
                .append(" fill=\"").append(s.colour()).append("\">").append(Fmt.xml(label)).append("</text>\n");
    }

    private static boolean overlaps(double[] a, double[] c) {
        return a[0] < c[2] && c[0] < a[2] && a[1] < c[3] && c[1] < a[3];
    }
}
