/**
 * Exports of a finished (or running) run for other tools: {@link dev.loadlab.coordinator.export.CsvExport} (one row per
 * step and per request name, RFC 4180), {@link dev.loadlab.coordinator.export.JunitExport} (JUnit XML for CI servers:
 * a testcase per step and per SLO rule, the run's verdict in the suite's properties) and {@link
 * dev.loadlab.coordinator.export.HlogExport} (each step's merged latency histogram as a standard HdrHistogram log).
 * Pure writers over the model's read records: no I/O but the bytes they return; {@link
 * dev.loadlab.coordinator.export.ExportFormat} names the formats the REST API offers.
 */
package dev.loadlab.coordinator.export;
