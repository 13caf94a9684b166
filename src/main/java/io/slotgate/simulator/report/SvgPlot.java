package io.slotgate.simulator.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny SVG line/scatter plot: a framed plot area with grid, nice ticks (or given ones), axis labels, a title,
 * series as lines and/or markers with optional point labels, and a legend under the plot. No scripts, no external
 * resources: the output is a single {@code <svg>} element that works inline in HTML and as a file.
 *
 * <p>This class holds the plot's settings and draws the frame, axes and series; the axes' ranges and ticks are
 * {@link PlotTicks}', the placing of point labels {@link PointLabels}', the legend {@link PlotLegend}'s, all over one
 * {@link PlotArea}.
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

    static final double CHAR_WIDTH = 6.2; // at font-size 11, sans-serif, rough
    /** The margins around the plot area: room for the y ticks' labels and the axis label, and for the title. */
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 34;

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
        PlotLegend legend = new PlotLegend(series, LEFT, width - RIGHT);
        int bottom = 46 + legend.height();
        double pw = width - LEFT - RIGHT;
        double ph = height - TOP - bottom;

        double[] xs = PlotTicks.bounds(series, true);
        double[] ys = PlotTicks.bounds(series, false);
        List<Tick> xt = xTicks != null ? xTicks
                : PlotTicks.niceTicks(xTight ? xs : PlotTicks.pad(xs, xFromZero, Double.POSITIVE_INFINITY), 6);
        List<Tick> yt = yRange != null ? PlotTicks.niceTicks(yRange, 5)
                : PlotTicks.niceTicks(PlotTicks.pad(ys, yFromZero, yCap), 5);
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
        PlotArea area = new PlotArea(LEFT, TOP, pw, ph, x0, x1, y0, y1);

        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"").append(SVG_NS).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\" role=\"img\">\n");
        b.append("<title>").append(Fmt.xml(title)).append("</title>\n");
        b.append("<rect width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
        b.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">")
                .append(Fmt.xml(title)).append("</text>\n");
        axes(b, area, xt, yt);
        // series: lines first, then markers and labels on top
        lines(b, area);
        markers(b, area);
        new PointLabels(area).draw(b, series);
        legend.draw(b, area.bottom() + 46);
        return b.append("</svg>\n").toString();
    }

    /** The grid, the ticks' labels, the frame and the axes' labels. */
    private void axes(StringBuilder b, PlotArea area, List<Tick> xt, List<Tick> yt) {
        b.append("<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n");
        for (Tick t : yt) {
            double y = area.y(t.value());
            b.append("<line x1=\"").append(n(area.left())).append("\" x2=\"").append(n(area.right())).append("\" y1=\"")
                    .append(n(y)).append("\" y2=\"").append(n(y)).append("\"/>\n");
        }
        for (Tick t : xt) {
            double x = area.x(t.value());
            b.append("<line x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"")
                    .append(n(area.top())).append("\" y2=\"").append(n(area.bottom())).append("\"/>\n");
        }
        b.append("</g>\n<g fill=\"#444444\">\n");
        for (Tick t : yt) {
            b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(n(area.y(t.value()) + 4))
                    .append("\" text-anchor=\"end\">").append(Fmt.xml(t.label())).append("</text>\n");
        }
        for (Tick t : xt) {
            b.append("<text x=\"").append(n(area.x(t.value()))).append("\" y=\"").append(n(area.bottom() + 15))
                    .append("\" text-anchor=\"middle\">").append(Fmt.xml(t.label())).append("</text>\n");
        }
        b.append("</g>\n");
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP)
                .append("\" width=\"").append(n(area.width())).append("\" height=\"").append(n(area.height()))
                .append("\" fill=\"none\" stroke=\"#888888\"/>\n");
        b.append("<text x=\"").append(n(area.left() + area.width() / 2)).append("\" y=\"").append(n(area.bottom() + 33))
                .append("\" text-anchor=\"middle\" fill=\"#222222\">").append(Fmt.xml(xLabel)).append("</text>\n");
        b.append("<text transform=\"translate(14 ").append(n(area.top() + area.height() / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\"")
                .append(" fill=\"#222222\">").append(Fmt.xml(yLabel)).append("</text>\n");
    }

    private void lines(StringBuilder b, PlotArea area) {
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
                        b.append(n(area.x(p[0]))).append(',').append(n(area.y(p[1]))).append(' ');
                    }
                }
                b.setLength(b.length() - 1);
                b.append("\"><title>").append(Fmt.xml(s.name())).append("</title></polyline>\n");
            }
        }
    }

    private void markers(StringBuilder b, PlotArea area) {
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (s.markers() && finite(p)) {
                    b.append("<circle cx=\"").append(n(area.x(p[0]))).append("\" cy=\"")
                            .append(n(area.y(p[1]))).append("\" r=\"").append(s.minor() ? "2.5" : "4.5")
                            .append("\" fill=\"").append(s.colour()).append("\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n");
                }
            }
        }
    }

    static boolean finite(double[] p) {
        return Double.isFinite(p[0]) && Double.isFinite(p[1]);
    }

    /** A coordinate as written: one decimal. */
    static String n(double v) {
        return Fmt.fixed(v, 1);
    }
}
