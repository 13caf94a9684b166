package io.slotgate.simulator.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny SVG line/scatter plot: a framed plot area with grid, nice ticks (or given ones), axis labels, a title,
 * series as lines and/or markers with optional point labels, and a legend under the plot. No scripts, no external
 * resources: the output is a single {@code <svg>} element that works inline in HTML and as a file.
 */
final class SvgPlot {
    static final String SVG_NS = "http://www.w3.org/2000/svg";

    record Tick(double value, String label) {
    }

    /**
     * @param labels   one per point or empty; null entries are skipped
     * @param dash     SVG stroke-dasharray or null for solid
     * @param inLegend whether the legend names it
     * @param minor    smaller markers and labels (e.g. sweep points next to the headline points)
     */
    record Series(String name, String colour, List<double[]> points, List<String> labels, boolean line,
                  boolean markers, String dash, boolean inLegend, boolean minor) {
        Series {
            points = List.copyOf(points);
            labels = labels == null ? List.of() : new ArrayList<>(labels);
        }
    }

    private static final double CHAR_WIDTH = 6.2; // at font-size 11, sans-serif, rough

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;
    private final List<Series> series = new ArrayList<>();
    private List<Tick> xTicks;
    private boolean xFromZero;
    private boolean yFromZero;
    private double[] yRange;
    private boolean xTight;
    private double yCap = Double.POSITIVE_INFINITY;

    SvgPlot(String title, String xLabel, String yLabel, int width, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
    }

    SvgPlot add(Series s) {
        series.add(s);
        return this;
    }

    /** Fixed x ticks; the x range is then first to last tick. */
    SvgPlot xTicks(List<Tick> ticks) {
        this.xTicks = List.copyOf(ticks);
        return this;
    }

    SvgPlot xFromZero() {
        this.xFromZero = true;
        return this;
    }

    SvgPlot yFromZero() {
        this.yFromZero = true;
        return this;
    }

    /** The x range is the data's, without padding (for lines over a swept parameter). */
    SvgPlot xTight() {
        this.xTight = true;
        return this;
    }

    /** Never extend the y axis beyond this (e.g. 100 for percentages). */
    SvgPlot yCap(double cap) {
        this.yCap = cap;
        return this;
    }

    SvgPlot yRange(double min, double max) {
        this.yRange = new double[]{min, max};
        return this;
    }

    String render() {
        List<Series> legend = series.stream().filter(Series::inLegend).toList();
        int left = 64;
        int right = 20;
        int top = 34;
        // legend layout: items left to right, wrapping
        List<double[]> legendPos = new ArrayList<>();
        double lx = left;
        int rows = legend.isEmpty() ? 0 : 1;
        for (Series s : legend) {
            double w = 30 + s.name().length() * CHAR_WIDTH + 14;
            if (lx + w > width - right && lx > left) {
                rows++;
                lx = left;
            }
            legendPos.add(new double[]{lx, rows - 1});
            lx += w;
        }
        int bottom = 46 + (rows == 0 ? 0 : rows * 17 + 8);
        double pw = width - left - right;
        double ph = height - top - bottom;

        double[] xs = bounds(true);
        double[] ys = bounds(false);
        List<Tick> xt = xTicks != null ? xTicks : niceTicks(xTight ? xs : pad(xs, xFromZero, Double.POSITIVE_INFINITY), 6);
        List<Tick> yt = yRange != null ? niceTicks(yRange, 5) : niceTicks(pad(ys, yFromZero, yCap), 5);
        double x0 = xt.getFirst().value();
        double x1 = xt.getLast().value();
        double y0 = yt.getFirst().value();
        double y1 = yt.getLast().value();
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 == y0) {
            y1 = y0 + 1;
        }
        final double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
        java.util.function.DoubleUnaryOperator sx = v -> left + (v - fx0) / (fx1 - fx0) * pw;
        java.util.function.DoubleUnaryOperator sy = v -> top + ph - (v - fy0) / (fy1 - fy0) * ph;

        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"").append(SVG_NS).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\" role=\"img\">\n");
        b.append("<title>").append(Fmt.xml(title)).append("</title>\n");
        b.append("<rect width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
        b.append("<text x=\"").append(left).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">")
                .append(Fmt.xml(title)).append("</text>\n");
        // grid and ticks
        b.append("<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n");
        for (Tick t : yt) {
            double y = sy.applyAsDouble(t.value());
            b.append("<line x1=\"").append(n(left)).append("\" x2=\"").append(n(left + pw)).append("\" y1=\"")
                    .append(n(y)).append("\" y2=\"").append(n(y)).append("\"/>\n");
        }
        for (Tick t : xt) {
            double x = sx.applyAsDouble(t.value());
            b.append("<line x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"").append(n(top))
                    .append("\" y2=\"").append(n(top + ph)).append("\"/>\n");
        }
        b.append("</g>\n<g fill=\"#444444\">\n");
        for (Tick t : yt) {
            b.append("<text x=\"").append(left - 6).append("\" y=\"").append(n(sy.applyAsDouble(t.value()) + 4))
                    .append("\" text-anchor=\"end\">").append(Fmt.xml(t.label())).append("</text>\n");
        }
        for (Tick t : xt) {
            b.append("<text x=\"").append(n(sx.applyAsDouble(t.value()))).append("\" y=\"").append(n(top + ph + 15))
                    .append("\" text-anchor=\"middle\">").append(Fmt.xml(t.label())).append("</text>\n");
        }
        b.append("</g>\n");
        b.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(n(pw))
                .append("\" height=\"").append(n(ph)).append("\" fill=\"none\" stroke=\"#888888\"/>\n");
        b.append("<text x=\"").append(n(left + pw / 2)).append("\" y=\"").append(n(top + ph + 33))
                .append("\" text-anchor=\"middle\" fill=\"#222222\">").append(Fmt.xml(xLabel)).append("</text>\n");
        b.append("<text transform=\"translate(14 ").append(n(top + ph / 2)).append(") rotate(-90)\" text-anchor=\"middle\"")
                .append(" fill=\"#222222\">").append(Fmt.xml(yLabel)).append("</text>\n");
        // series: lines first, then markers and labels on top
        for (Series s : series) {
            if (s.line() && s.points().size() > 1) {
                b.append("<polyline fill=\"none\" stroke=\"").append(s.colour()).append("\" stroke-width=\"")
                        .append(s.minor() ? "1.5" : "2").append('"');
                if (s.dash() != null) {
                    b.append(" stroke-dasharray=\"").append(s.dash()).append('"');
                }
                b.append(" stroke-linejoin=\"round\" points=\"");
                for (double[] p : s.points()) {
                    if (finite(p)) {
                        b.append(n(sx.applyAsDouble(p[0]))).append(',').append(n(sy.applyAsDouble(p[1]))).append(' ');
                    }
                }
                b.setLength(b.length() - 1);
                b.append("\"><title>").append(Fmt.xml(s.name())).append("</title></polyline>\n");
            }
        }
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (s.markers() && finite(p)) {
                    b.append("<circle cx=\"").append(n(sx.applyAsDouble(p[0]))).append("\" cy=\"")
                            .append(n(sy.applyAsDouble(p[1]))).append("\" r=\"").append(s.minor() ? "2.5" : "4.5")
                            .append("\" fill=\"").append(s.colour()).append("\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n");
                }
            }
        }
        // point labels: headline ones first, each in the first free spot around its point; minor ones only where free
        List<double[]> taken = new ArrayList<>();
        for (boolean minor : new boolean[]{false, true}) {
            for (Series s : series) {
                if (s.minor() != minor) {
                    continue;
                }
                for (int i = 0; i < s.points().size(); i++) {
                    double[] p = s.points().get(i);
                    String label = i < s.labels().size() ? s.labels().get(i) : null;
                    if (label == null || label.isEmpty() || !finite(p)) {
                        continue;
                    }
                    label(b, taken, label, s, sx.applyAsDouble(p[0]), sy.applyAsDouble(p[1]), left, top, pw, ph);
                }
            }
        }
        // legend
        double legendTop = top + ph + 46;
        for (int i = 0; i < legend.size(); i++) {
            Series s = legend.get(i);
            double x = legendPos.get(i)[0];
            double y = legendTop + legendPos.get(i)[1] * 17;
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
        return b.append("</svg>\n").toString();
    }

    private static void label(StringBuilder b, List<double[]> taken, String label, Series s, double x, double y,
                              double left, double top, double pw, double ph) {
        double size = s.minor() ? 9 : 11;
        double w = label.length() * CHAR_WIDTH * size / 11 + 2;
        double gap = s.minor() ? 4 : 7;
        // candidates: text box [x0, baseline] right-above, right-below, left-above, left-below
        double[][] spots = {
                {x + gap, y - gap}, {x + gap, y + gap + size}, {x - gap - w, y - gap}, {x - gap - w, y + gap + size}};
        double[] chosen = null;
        for (double[] spot : spots) {
            double[] box = {spot[0], spot[1] - size, spot[0] + w, spot[1] + 2};
            boolean inside = box[0] >= left && box[2] <= left + pw && box[1] >= top && box[3] <= top + ph;
            if (inside && taken.stream().noneMatch(t -> overlaps(t, box))) {
                chosen = box;
                break;
            }
        }
        if (chosen == null) {
            if (s.minor()) {
                return; // crowded: the line and the table still tell
            }
            chosen = new double[]{spots[0][0], spots[0][1] - size, spots[0][0] + w, spots[0][1] + 2};
            if (chosen[2] > left + pw) {
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

    private double[] bounds(boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (finite(p)) {
                    double v = x ? p[0] : p[1];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min > max ? new double[]{0, 1} : new double[]{min, max};
    }

    /** A little room around the data so markers and labels are not on the frame; from zero when asked, never below zero for
     * non-negative data, never beyond the cap for data under it. */
    private static double[] pad(double[] r, boolean fromZero, double cap) {
        double min = r[0];
        double max = r[1];
        if (fromZero) {
            min = Math.min(0, min);
        }
        double span = max - min;
        if (span == 0) {
            span = max == 0 ? 1 : Math.abs(max) * 0.1;
        }
        double lo = fromZero && min >= 0 ? min : min - span * 0.06;
        if (min >= 0 && lo < 0) {
            lo = 0; // non-negative data gets no negative axis
        }
        double hi = max + span * 0.08;
        if (max <= cap && hi > cap) {
            hi = cap;
        }
        return new double[]{lo, hi};
    }

    static List<Tick> niceTicks(double[] range, int target) {
        double min = range[0];
        double max = range[1];
        if (!(max > min)) {
            double d = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= d;
            max += d;
        }
        double step = niceStep((max - min) / target);
        long lo = (long) Math.floor(min / step + 1e-9);
        long hi = (long) Math.ceil(max / step - 1e-9);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        List<Tick> ticks = new ArrayList<>();
        for (long i = lo; i <= hi; i++) {
            double v = i * step;
            ticks.add(new Tick(v, Fmt.fixed(v, decimals)));
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / exp;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * exp;
    }

    private static boolean finite(double[] p) {
        return Double.isFinite(p[0]) && Double.isFinite(p[1]);
    }

    private static String n(double v) {
        return Fmt.fixed(v, 1);
    }
}
