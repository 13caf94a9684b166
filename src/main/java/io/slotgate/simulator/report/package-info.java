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
 * <p>Package-private: one writer per format, the plots, the tables and number formatting.
 */
package io.slotgate.simulator.report;
