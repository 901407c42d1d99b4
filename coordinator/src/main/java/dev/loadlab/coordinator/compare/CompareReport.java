package dev.loadlab.coordinator.compare;

import dev.loadlab.coordinator.model.RunRef;
import java.util.List;

/**
 * The answer to {@code GET /api/v1/compare}: the method behind every verdict (with the smallest change that counts,
 * {@code minEffect}, a share of the baseline, and the multiple-testing {@code correction}), the two runs, one entry per matched
 * (profile, workers, request name) in the baseline's step order, and what only one side has. Immutable.
 */
public record CompareReport(
        String method,
        double alpha,
        int minSamples,
        double minEffect,
        String correction,
        String latencyNote,
        RunRef baseline,
        RunRef candidate,
        List<StepComparison> steps,
        List<UnmatchedStep> onlyInBaseline,
        List<UnmatchedStep> onlyInCandidate) {
    static final String CORRECTION = "Holm (step-down, family-wise error rate) over every test of the comparison";

    static final String LATENCY_NOTE = "p50 and p99 are informative only: each is computed once from the step's merged"
            + " histogram (1 ms resolution), never averaged; the verdict rests on throughput alone";

    public CompareReport {
        steps = List.copyOf(steps);
        onlyInBaseline = List.copyOf(onlyInBaseline);
        onlyInCandidate = List.copyOf(onlyInCandidate);
    }
}
