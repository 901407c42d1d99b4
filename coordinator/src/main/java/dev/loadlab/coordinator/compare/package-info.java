/**
 * Comparing stored runs and following a scenario over time, as pure logic over what the {@link
 * dev.loadlab.coordinator.model.RunHistory} port reads: the steps of two runs are matched by (profile, workers,
 * request name, repeat), and per matched step a Mann-Whitney U test on the per-second throughput of the measured
 * windows decides whether throughput improved or regressed; a trend is one metric of one step shape over past runs.
 * Latency figures are the percentiles computed once from each step's merged histogram and are shown, never averaged
 * and never used for the verdict. The routes are in {@code http} ({@code CompareHandlers}).
 */
package dev.loadlab.coordinator.compare;
