package dev.loadlab.coordinator.runs;

/**
 * The running step's progress, summed over its agents' latest reports; for display only (results come from the final
 * merge). Immutable.
 */
public record LiveProgress(
        int stepIndex, boolean warmingUp, long requests, long errors, double elapsedSeconds, double plannedSeconds) {}
