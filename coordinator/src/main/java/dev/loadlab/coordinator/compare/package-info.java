/**
 * Comparing stored runs and following a scenario over time, as pure logic over what the {@link
 * dev.loadlab.coordinator.model.RunHistory} port reads: the steps of two runs are matched by (profile, workers,
 * request name, repeat), and Welch's t-test ({@link dev.loadlab.coordinator.compare.Significance}) on the repeats of a
 * step both runs repeated, or on batch means of a single step's per-second throughput, Holm-corrected over the
 * comparison ({@link dev.loadlab.coordinator.compare.Holm}) and held to a minimum effect, decides whether throughput
 * improved or regressed; a trend is one metric of one step shape over past runs.
 * Latency figures are the percentiles computed once from each step's merged histogram and are shown, never averaged
 * and never used for the verdict. The routes are in {@code http} ({@code CompareHandlers}).
 */
package dev.loadlab.coordinator.compare;
