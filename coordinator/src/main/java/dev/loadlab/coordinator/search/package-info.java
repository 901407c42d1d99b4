/**
 * The max-throughput search: which open-model arrival rate to probe next (ramp, then bisect), whether a probe met the
 * scenario's SLO, and what the search found. Pure logic over measured figures; the run scheduler runs the probes.
 */
package dev.loadlab.coordinator.search;
