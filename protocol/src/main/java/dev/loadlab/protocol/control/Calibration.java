package dev.loadlab.protocol.control;

/**
 * How many iterations of the target's CPU loop one core runs per millisecond, and how that was measured. Immutable.
 *
 * @param iterationsPerMs loop iterations per millisecond of one core
 * @param method a human-readable account of the measurement
 */
public record Calibration(long iterationsPerMs, String method) {}
