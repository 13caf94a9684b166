package io.slotgate.simulator.report;

import java.util.ArrayList;
import java.util.List;

/** The ranges a plot's axes span and their ticks: round steps of 1, 2 or 5 times a power of ten. */
final class PlotTicks {
    private PlotTicks() {
    }

    /** The smallest and largest x (or y) of every finite point; {0, 1} when there is none. */
    static double[] bounds(List<SvgPlot.Series> series, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (SvgPlot.Series s : series) {
            for (double[] p : s.points()) {
                if (SvgPlot.finite(p)) {
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
    static double[] pad(double[] r, boolean fromZero, double cap) {
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

    static List<SvgPlot.Tick> niceTicks(double[] range, int target) {
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
        List<SvgPlot.Tick> ticks = new ArrayList<>();
        for (long i = lo; i <= hi; i++) {
            double v = i * step;
            ticks.add(new SvgPlot.Tick(v, Fmt.fixed(v, decimals)));
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / exp;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * exp;
    }
}
