package dev.loadlab.coordinator.search;

import dev.loadlab.protocol.scenario.Slo;
import java.util.List;

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
    public Probe {
        reasons = List.copyOf(reasons);
    }

    /** Judges measured figures against {@code slo}: p99, error rate, served share of the offered rate, generator. */
    public static Probe judge(int number, double rateRps, Measured m, Slo slo) {
        SloVerdict verdict = SloVerdict.judge(slo, rateRps, m);
        return new Probe(
                number,
                rateRps,
                m.requests(),
                m.errors(),
                m.requests() == 0 ? 0 : (double) m.errors() / m.requests(),
                m.throughputRps(),
                m.p50Ms(),
                m.p99Ms(),
                m.targetCpuCores(),
                m.generatorBound(),
                verdict.met(),
                verdict.reasons());
    }
}
