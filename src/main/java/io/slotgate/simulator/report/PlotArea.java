package io.slotgate.simulator.report;

/**
 * Where a plot's data is drawn, in SVG units ({@code left}, {@code top}, {@code width}, {@code height}), and the data
 * ranges it spans ([x0, x1] left to right, [y0, y1] bottom to top).
 */
record PlotArea(double left, double top, double width, double height, double x0, double x1, double y0, double y1) {
    double x(double v) {
        return left + (v - x0) / (x1 - x0) * width;
    }

    double y(double v) {
        return top + height - (v - y0) / (y1 - y0) * height;
    }

    double right() {
        return left + width;
    }

    double bottom() {
        return top + height;
    }

    /** Whether a box {x0, y0, x1, y1} lies wholly inside the area. */
    boolean holds(double[] box) {
        return box[0] >= left && box[2] <= left + width && box[1] >= top && box[3] <= top + height;
    }
}
