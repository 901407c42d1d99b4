package dev.loadlab.targethost.work;

/**
 * How many iterations of {@link CpuWork}'s loop one core runs per millisecond on this machine, and how that figure was
 * measured (so that every CPU figure says how it was obtained). Immutable.
 *
 * @param iterationsPerMs loop iterations per millisecond of one core, always {@code >= 1}
 * @param method a human-readable account of the measurement
 */
public record CpuCalibration(long iterationsPerMs, String method) {
    public CpuCalibration {
        if (iterationsPerMs < 1) {
            throw new IllegalArgumentException("iterationsPerMs must be >= 1, was " + iterationsPerMs);
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
    }
}
