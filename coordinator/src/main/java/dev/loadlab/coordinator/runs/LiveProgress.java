package dev.loadlab.coordinator.runs;

/**
 * The running step's progress from the per-second intervals received so far: measured responses and errors (warm-up
 * excluded) and seconds since the agreed start; for display only (results come from the final merge). Immutable.
 */
public record LiveProgress(
        int stepIndex, boolean warmingUp, long requests, long errors, double elapsedSeconds, double plannedSeconds) {}
