/**
 * Exports of a finished (or running) run for other tools: {@link dev.loadlab.coordinator.export.CsvExport} (one row per
 * step and per request name, RFC 4180), {@link dev.loadlab.coordinator.export.JunitExport} (JUnit XML for CI servers:
 * a testcase per step and per SLO rule, the run's verdict in the suite's properties), {@link
 * dev.loadlab.coordinator.export.HlogExport} (each step's merged latency histogram as a standard HdrHistogram log) and
 * {@link dev.loadlab.coordinator.export.HtmlExport} (one self-contained HTML page: tables written here, charts drawn in
 * the browser by the inlined uPlot and {@code report.js} from the embedded run and timelines).
 * Pure writers over the model's read records: no I/O but the bytes they return (and the HTML page's fixed script and
 * style, read once from the classpath); {@link
 * dev.loadlab.coordinator.export.ExportFormat} names the formats the REST API offers.
 */
package dev.loadlab.coordinator.export;
