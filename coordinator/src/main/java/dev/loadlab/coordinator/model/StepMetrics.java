package dev.loadlab.coordinator.model;

/**
 * One request name of one stored step (the step's totals under the name {@value #ALL}), as a comparison needs it: the
 * step's shape, its summary figures and the per-second throughput of its measured window (warm-up seconds left out).
 * Immutable; {@code samples} is copied in and out.
 *
 * @param repeat 0 for the run's first step of this profile and workers, 1 for the second, ...
 * @param errorRate errors divided by responses, 0 without responses
 * @param samples responses per second of the measured window, in second order
 */
public record StepMetrics(
        int stepIndex,
        String status,
        boolean generatorBound,
        String profile,
        Integer workers,
        int repeat,
        String request,
        double throughputRps,
        long p50Ms,
        long p99Ms,
        double errorRate,
        double[] samples) {
    /** The request name under which a step's totals are compared. */
    public static final String ALL = "all";

    public StepMetrics {
        samples = samples.clone();
    }

    @Override
    public double[] samples() {
        return samples.clone();
    }

    public StepRef ref() {
        return new StepRef(stepIndex, status, generatorBound);
    }
}
