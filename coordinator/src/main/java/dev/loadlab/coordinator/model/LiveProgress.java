package dev.loadlab.coordinator.model;

/**
 * The running step's progress from the per-second intervals received so far: measured responses and errors (warm-up
 * excluded) and seconds since the agreed start; for display only (results come from the final merge). In a search
 * step, {@code probe} and {@code probeRateRps} say which probe runs and at what offered rate (both null otherwise);
 * the seconds are the probe's. Immutable.
 */
public record LiveProgress(
        int stepIndex,
        Integer probe,
        Double probeRateRps,
        boolean warmingUp,
        long requests,
        long errors,
        double elapsedSeconds,
        double plannedSeconds) {}
