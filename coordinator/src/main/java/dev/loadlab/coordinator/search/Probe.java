package dev.loadlab.coordinator.search;

import dev.loadlab.protocol.scenario.Slo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One probe of a search: the offered open-model rate (arrivals/s), what was measured in its window (merged across
 * agents; latencies from the exact merged histogram, 1 ms resolution), and whether it met the SLO; {@code reasons}
 * says why not ({@code []} when it passed). Immutable.
 */
public record Probe(
        int number,
        double rateRps,
        long requests,
        long errors,
        double errorRate,
        double throughputRps,
        long p50Ms,
        long p99Ms,
        Double targetCpuCores,
        boolean generatorBound,
        boolean passed,
        List<String> reasons) {
    /** A probe serves at least this share of the offered rate, or the target is not keeping up. */
    public static final double MIN_SERVED_SHARE = 0.9;

    public Probe {
        reasons = List.copyOf(reasons);
    }

    /** Judges measured figures against {@code slo}: p99, error rate, served share of the offered rate, generator. */
    public static Probe judge(int number, double rateRps, Measured m, Slo slo) {
        long requests = m.requests();
        long errors = m.errors();
        long p99Ms = m.p99Ms();
        double throughputRps = m.throughputRps();
        boolean generatorBound = m.generatorBound();
        double errorRate = requests == 0 ? 0 : (double) errors / requests;
        List<String> reasons = new ArrayList<>();
        if (requests == 0) {
            reasons.add("no response was measured");
        }
        if (p99Ms > slo.p99Ms()) {
            reasons.add("p99 " + p99Ms + " ms is above the SLO's " + slo.p99Ms() + " ms");
        }
        if (errorRate > slo.errorRate()) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "error rate %.2f%% is above the SLO's %.2f%%",
                    errorRate * 100,
                    slo.errorRate() * 100));
        }
        if (throughputRps < MIN_SERVED_SHARE * rateRps) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "served %.1f of %.1f offered requests/s (below %.0f%%): the target is not keeping up",
                    throughputRps,
                    rateRps,
                    MIN_SERVED_SHARE * 100));
        }
        if (generatorBound) {
            reasons.add("the load generator was the bottleneck, so this rate says nothing about the target");
        }
        return new Probe(
                number,
                rateRps,
                requests,
                errors,
                errorRate,
                throughputRps,
                m.p50Ms(),
                p99Ms,
                m.targetCpuCores(),
                generatorBound,
                reasons.isEmpty(),
                reasons);
    }
}
