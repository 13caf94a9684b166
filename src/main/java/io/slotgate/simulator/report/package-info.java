/**
 * A simulation's report: Markdown, JSON, HTML and SVG plots in a directory, and plain text for a terminal.
 *
 * <p>Public types, the ones other packages use:
 * <ul>
 *   <li>{@link io.slotgate.simulator.report.ReportWriter}: writes the report's files;</li>
 *   <li>{@link io.slotgate.simulator.report.TerminalTable}: the simulation as aligned text;</li>
 *   <li>{@link io.slotgate.simulator.report.TextColumns}: padded columns, also for the CLI's admin tables.</li>
 * </ul>
 *
 * <p>Package-private: one writer per format, the plots ({@code Plots}, each drawn by {@code SvgPlot} with its axes'
 * ticks from {@code PlotTicks}, its point labels placed by {@code PointLabels} and its {@code PlotLegend}, over a
 * {@code PlotArea}), the tables and number formatting.
 */
package io.slotgate.simulator.report;
