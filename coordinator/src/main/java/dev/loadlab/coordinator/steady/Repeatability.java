package dev.loadlab.coordinator.steady;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far a cell's repeats agreed: the coefficient of variation of their throughput (sample standard deviation /
 * mean), and whether it drifted from repeat to repeat ({@code monotoneDrift}: at least 3 repeats, every one above the
 * one before or every one below, or from 4 repeats a significant Mann-Kendall trend, and the last more than {@link
 * Steadiness#DRIFT_LIMIT} from the first), the sign of something still warming up or wearing down between them
 * rather than noise. Immutable.
 *
 * @param drift {@code (last - first) / first}, signed
 * @param note a plain sentence when the repeats drifted, {@code null} otherwise
 */
public record Repeatability(
        int repeats,
        double meanRps,
        double cv,
        double drift,
        boolean monotoneDrift,
        @JsonInclude(JsonInclude.Include.ALWAYS) String note) {}
