package dev.loadlab.coordinator.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.loadlab.protocol.scenario.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a step met its scenario's SLO, and if not, why, one plain sentence per broken rule: p99 above
 * {@code slo.p99Ms}, error rate above {@code slo.errorRate}, (open model) less than {@link #MIN_SERVED_SHARE} of the
 * offered rate served, or figures that cannot be trusted: a load generator that was the bottleneck (then they say
 * nothing about the target) or a measured window that was not one steady state. {@code outcome} is {@code passed}
 * (every rule met; {@code met} is true only then), {@code failed} (a rule broke on figures that can be trusted) or
 * {@code inconclusive} (the figures cannot be trusted, whatever else they show). Judged from the step's stored figures,
 * so it is the same every time it is read. Immutable.
 */
public record SloVerdict(Slo slo, boolean met, Outcome outcome, List<String> reasons) {
    /** A step serves at least this share of the offered open-model rate, or the target is not keeping up. */
    public static final double MIN_SERVED_SHARE = 0.9;

    /** The verdict in one word. */
    public enum Outcome {
        @JsonProperty("passed")
        PASSED,
        @JsonProperty("failed")
        FAILED,
        @JsonProperty("inconclusive")
        INCONCLUSIVE
    }

    public SloVerdict {
        reasons = List.copyOf(reasons);
    }

    /** A verdict whose outcome follows {@code met}: passed or failed. */
    public SloVerdict(Slo slo, boolean met, List<String> reasons) {
        this(slo, met, met ? Outcome.PASSED : Outcome.FAILED, reasons);
    }

    /** The rules {@code measured} breaks; {@code offeredRps} is the open-model rate, null for a closed model. */
    public static SloVerdict judge(Slo slo, Double offeredRps, Measured measured) {
        return judge(slo, offeredRps, measured, null);
    }

    /**
     * The rules {@code measured} breaks, and inconclusive when the load generator was the bottleneck or {@code
     * unsteadyReason} (the steadiness check's, {@code null} for a steady or unjudged window) says the window drifted.
     */
    public static SloVerdict judge(Slo slo, Double offeredRps, Measured measured, String unsteadyReason) {
        long requests = measured.requests();
        double errorRate = requests == 0 ? 0 : (double) measured.errors() / requests;
        List<String> reasons = new ArrayList<>();
        if (requests == 0) {
            reasons.add("no response was measured");
        }
        if (measured.p99Ms() > slo.p99Ms()) {
            reasons.add("p99 " + measured.p99Ms() + " ms is above the SLO's " + slo.p99Ms() + " ms");
        }
        if (errorRate > slo.errorRate()) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "error rate %.2f%% is above the SLO's %.2f%%",
                    errorRate * 100,
                    slo.errorRate() * 100));
        }
        if (offeredRps != null && measured.throughputRps() < MIN_SERVED_SHARE * offeredRps) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "served %.1f of %.1f offered requests/s (below %.0f%%): the target is not keeping up",
                    measured.throughputRps(),
                    offeredRps,
                    MIN_SERVED_SHARE * 100));
        }
        boolean untrusted = measured.generatorBound() || unsteadyReason != null;
        if (measured.generatorBound()) {
            reasons.add("the load generator was the bottleneck, so these figures say nothing about the target");
        }
        if (unsteadyReason != null) {
            reasons.add("the measured window was not steady (" + unsteadyReason + "), so no verdict can rest on it");
        }
        Outcome outcome =
                untrusted && requests > 0 ? Outcome.INCONCLUSIVE : reasons.isEmpty() ? Outcome.PASSED : Outcome.FAILED;
        return new SloVerdict(slo, outcome == Outcome.PASSED, outcome, reasons);
    }

    /** A search step's verdict: met when the search found a rate meeting the SLO; otherwise its note says why not. */
    public static SloVerdict ofSearch(SearchOutcome search) {
        return search.kneeRateRps() != null
                ? new SloVerdict(search.slo(), true, List.of())
                : new SloVerdict(search.slo(), false, List.of(search.note()));
    }
}
