/**
 * Whether a measurement was one steady state, as pure logic (it imports nothing else of the coordinator, so the model
 * may use it): {@link dev.loadlab.coordinator.steady.SteadinessCheck} tests a step's per-second throughput (and the
 * target's per-second CPU) for a {@link dev.loadlab.coordinator.steady.MannKendall} trend and its spread into a {@link
 * dev.loadlab.coordinator.steady.Steadiness}, and {@link dev.loadlab.coordinator.steady.RepeatCheck} a cell's repeats
 * for their spread and a monotone drift into a {@link dev.loadlab.coordinator.steady.Repeatability}.
 */
package dev.loadlab.coordinator.steady;
