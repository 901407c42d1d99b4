/**
 * The max-throughput search: which open-model arrival rate to probe next (ramp, then bisect), whether a probe met the
 * scenario's SLO, and what the search found; and whether a step's load generator, not its target, set the pace
 * ({@link dev.loadlab.coordinator.search.GeneratorCheck}). Pure logic over measured figures; the run scheduler runs the
 * probes.
 */
package dev.loadlab.coordinator.search;
