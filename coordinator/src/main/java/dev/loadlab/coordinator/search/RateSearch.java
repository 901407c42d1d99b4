package dev.loadlab.coordinator.search;

import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.Slo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The search for the highest open-model arrival rate that meets an SLO. The first probe runs at {@code load.rate}; while
 * probes pass, the rate doubles (up to {@code maxRate}); once one fails, the next probe is the middle of the bracket
 * between the highest passing rate below the lowest failing one and that failing one, until the bracket is narrower
 * than {@code precision} of its upper end or {@code maxProbes} probes ran. If the very first probe fails, the rate
 * halves until one passes (down to {@link #MIN_RATE}). Rates are rounded to 0.1/s. The knee is the highest passing
 * rate below the lowest failing one. Not thread-safe: one search per step, fed by the scheduler's thread.
 */
public final class RateSearch {
    /** Below one arrival per second a probe measures too little to judge. */
    public static final double MIN_RATE = 1.0;

    private final Load load;
    private final Slo slo;
    private final List<Probe> probes = new ArrayList<>();
    private Double next;
    private String note;

    public RateSearch(Load load, Slo slo) {
        this.load = load;
        this.slo = slo;
        this.next = load.rate();
    }

    /** The rate of the next probe; empty once the search has ended. */
    public OptionalDouble nextRate() {
        return next == null ? OptionalDouble.empty() : OptionalDouble.of(next);
    }

    /** The number the next probe will carry, from 1. */
    public int nextProbeNumber() {
        return probes.size() + 1;
    }

    public Slo slo() {
        return slo;
    }

    /** Judges the figures of the probe just run at {@link #nextRate()}, records it and picks the next rate. */
    public Probe record(Measured measured) {
        if (next == null) {
            throw new IllegalStateException("the search has ended; no probe was due");
        }
        Probe probe = Probe.judge(nextProbeNumber(), next, measured, slo);
        probes.add(probe);
        next = decide();
        return probe;
    }

    /** Ends the search early (a cancelled run, a probe that could not run); {@code why} becomes its note. */
    public void stop(String why) {
        next = null;
        note = why;
    }

    /** What the search found so far (all of it once {@link #nextRate()} is empty). */
    public SearchOutcome outcome() {
        return outcome(slo, probes, note != null ? note : "the search is still running");
    }

    /**
     * What {@code probes} (judged against {@code slo}) found, ended with {@code note}: for a search that could not
     * finish, such as one a stopped coordinator left, rebuilt from its stored probes.
     */
    public static SearchOutcome outcome(Slo slo, List<Probe> probes, String note) {
        Optional<Probe> knee = lowestFailure(probes)
                .map(fail -> highestPassBelow(probes, fail.rateRps()))
                .orElseGet(() -> highestPassBelow(probes, Double.MAX_VALUE));
        String text = note;
        if (probes.stream().anyMatch(Probe::generatorBound)) {
            text += "; at least one probe was generator-bound, so the upper end of the bracket may be the load"
                    + " generator's limit rather than the target's";
        }
        return new SearchOutcome(
                knee.map(Probe::rateRps).orElse(null), knee.map(Probe::number).orElse(null), text, slo, probes);
    }

    private Double decide() {
        Optional<Probe> fail = lowestFailure(probes);
        Optional<Probe> pass = highestPassBelow(probes, fail.map(Probe::rateRps).orElse(Double.MAX_VALUE));
        if (pass.isPresent() && fail.isPresent()) {
            double lo = pass.get().rateRps();
            double hi = fail.get().rateRps();
            double middle = round((lo + hi) / 2);
            if (hi - lo <= load.precision() * hi || middle <= lo || middle >= hi) {
                note = format(
                        "converged: %.1f/s met the SLO and %.1f/s did not (%s); the bracket is within %.0f%%",
                        lo, hi, String.join("; ", fail.get().reasons()), load.precision() * 100);
                return null;
            }
            return exhausted(lo, hi) ? null : middle;
        }
        if (pass.isPresent()) {
            double lo = pass.get().rateRps();
            if (lo >= load.maxRate()) {
                note = format(
                        "the SLO held at %.1f/s, the highest rate this search may offer (load.maxRate): the target's"
                                + " limit is above it",
                        lo);
                return null;
            }
            return exhausted(lo, null) ? null : Math.min(round(lo * 2), load.maxRate());
        }
        double hi = fail.orElseThrow().rateRps();
        double lower = round(hi / 2);
        if (lower < MIN_RATE) {
            note = format(
                    "no probed rate met the SLO; the lowest, %.1f/s, did not (%s)",
                    hi, String.join("; ", fail.get().reasons()));
            return null;
        }
        return exhausted(null, hi) ? null : lower;
    }

    private boolean exhausted(Double lo, Double hi) {
        if (probes.size() < load.maxProbes()) {
            return false;
        }
        note = "stopped after " + load.maxProbes() + " probes (load.maxProbes): "
                + (lo == null
                        ? format("no rate met the SLO; the lowest tried was %.1f/s", hi)
                        : hi == null
                                ? format("the SLO still held at %.1f/s; the limit is higher", lo)
                                : format("the limit is between %.1f/s (met the SLO) and %.1f/s (did not)", lo, hi));
        return true;
    }

    private static Optional<Probe> lowestFailure(List<Probe> probes) {
        return probes.stream().filter(p -> !p.passed()).min(Comparator.comparingDouble(Probe::rateRps));
    }

    private static Optional<Probe> highestPassBelow(List<Probe> probes, double ceiling) {
        return probes.stream()
                .filter(p -> p.passed() && p.rateRps() < ceiling)
                .max(Comparator.comparingDouble(Probe::rateRps));
    }

    private static double round(double rate) {
        return Math.round(rate * 10) / 10.0;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
