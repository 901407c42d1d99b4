package dev.loadlab.coordinator.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plain-language findings computed from a sweep's cells, each sentence only when the numbers support it: where a
 * profile's CPU plateaus, each profile's best speed-up over W = 1, which profile serves most at the highest W, what the
 * interpreter lock costs (threaded-gil against the same threads without it; gunicorn-gthread against gunicorn-sync),
 * what one worker of the best profile does against one worker that serves one request at a time, tails far above the
 * other profiles', and the real Python servers' own ({@link PythonFindings}). Cells flagged generator-bound are left
 * out: they measure the load generator, not the target. Stateless.
 */
final class Findings {
    /** Less than this change from one W to the next is "no change" for throughput (relative) and cores (absolute). */
    static final double FLAT_THROUGHPUT = 0.10;

    static final double FLAT_CORES = 0.15;

    /** A p99 at least this long, and this many times the other profiles' median at the same W, is worth a sentence. */
    static final long HUGE_P99_MS = 1_000;

    static final double HUGE_P99_FACTOR = 5;

    /** One worker of the best profile serving at least this many times one blocking worker is worth a sentence. */
    static final double ONE_WORKER_FACTOR = 1.5;

    private Findings() {}

    /**
     * @param machineCores the cores of the machine the target runs on, to say when a plateau is the machine's limit;
     *     0 when unknown
     */
    static List<String> of(ScalingResult result, int machineCores) {
        List<String> findings = new ArrayList<>();
        for (String profile : result.profiles()) {
            plateau(profile, measured(result.row(profile)), machineCores).ifPresent(findings::add);
        }
        speedUps(result).ifPresent(findings::add);
        bestAtHighestW(result).ifPresent(findings::add);
        lockCost(result).ifPresent(findings::add);
        oneWorker(result).ifPresent(findings::add);
        findings.addAll(tails(result));
        findings.addAll(PythonFindings.of(result, machineCores));
        return findings;
    }

    static List<ScalingResult.Cell> measured(List<ScalingResult.Cell> cells) {
        return cells.stream().filter(c -> !c.generatorBound()).toList();
    }

    /**
     * "P plateaus at C cores from W=k": from the first W after which neither cores nor requests/s grow any more, as long
     * as at least two larger W were measured; with only one, "P stays at C cores from W=k to W=m".
     */
    static Optional<String> plateau(String profile, List<ScalingResult.Cell> row, int machineCores) {
        if (row.size() < 2 || row.stream().anyMatch(c -> c.targetCpuCores() == null)) {
            return Optional.empty();
        }
        for (int start = 0; start < row.size() - 1; start++) {
            ScalingResult.Cell from = row.get(start);
            boolean flat = true;
            for (ScalingResult.Cell later : row.subList(start + 1, row.size())) {
                flat &= later.targetCpuCores() <= from.targetCpuCores() + FLAT_CORES
                        && later.throughputRps() <= from.throughputRps() * (1 + FLAT_THROUGHPUT);
            }
            if (flat) {
                ScalingResult.Cell last = row.get(row.size() - 1);
                String limit = machineCores > 0 && from.targetCpuCores() >= machineCores - 0.3
                        ? ", about all " + machineCores + " cores of this machine"
                        : "";
                // Two points show no growth; only three or more show a plateau.
                // "Flat" allows up to FLAT_THROUGHPUT more requests/s, so the sentence gives the change, not "none".
                String shape = start == row.size() - 2
                        ? "%s stays at %.1f cores from W=%d to W=%d%s: no more CPU, requests/s %+.0f%% (%.0f -> %.0f)."
                        : "%s plateaus at %.1f cores from W=%d (measured up to W=%d)%s: more workers add no CPU,"
                                + " requests/s %+.0f%% (%.0f -> %.0f).";
                return Optional.of(String.format(
                        Locale.ROOT,
                        shape,
                        profile,
                        from.targetCpuCores(),
                        from.workers(),
                        last.workers(),
                        limit,
                        (last.throughputRps() / from.throughputRps() - 1) * 100,
                        from.throughputRps(),
                        last.throughputRps()));
            }
        }
        return Optional.empty();
    }

    /** "Best speed-up over W=1: threaded 1.9× at W=2, ...", best first; profiles without W=1 are left out. */
    static Optional<String> speedUps(ScalingResult result) {
        record SpeedUp(String profile, double factor, int workers) {}
        List<SpeedUp> speedUps = new ArrayList<>();
        for (String profile : result.profiles()) {
            List<ScalingResult.Cell> row = measured(result.row(profile));
            if (row.size() < 2 || row.get(0).workers() != 1 || row.get(0).throughputRps() <= 0) {
                continue;
            }
            double base = row.get(0).throughputRps();
            row.stream()
                    .skip(1)
                    .max(Comparator.comparingDouble(ScalingResult.Cell::throughputRps))
                    .ifPresent(best -> speedUps.add(new SpeedUp(profile, best.throughputRps() / base, best.workers())));
        }
        if (speedUps.isEmpty()) {
            return Optional.empty();
        }
        speedUps.sort(Comparator.comparingDouble(SpeedUp::factor).reversed());
        return Optional.of("Best speed-up over W=1: "
                + speedUps.stream()
                        .map(s -> String.format(Locale.ROOT, "%s %.1f× at W=%d", s.profile(), s.factor(), s.workers()))
                        .collect(Collectors.joining(", "))
                + ".");
    }

    /** Which profile serves the most requests/s at the highest W, and who comes within 5 % of it. */
    static Optional<String> bestAtHighestW(ScalingResult result) {
        if (result.workers().isEmpty()) {
            return Optional.empty();
        }
        int w = result.workers().get(result.workers().size() - 1);
        List<ScalingResult.Cell> at = atW(result, w);
        if (at.size() < 2) {
            return Optional.empty();
        }
        ScalingResult.Cell best = at.get(0);
        List<String> close = at.stream()
                .skip(1)
                .filter(c -> c.throughputRps() >= best.throughputRps() * 0.95)
                .map(c -> String.format(Locale.ROOT, "%s %.0f", c.profile(), c.throughputRps()))
                .toList();
        ScalingResult.Cell worst = at.get(at.size() - 1);
        return Optional.of(String.format(
                Locale.ROOT,
                "At W=%d, %s serves the most: %.0f requests/s%s; the least is %s with %.0f.",
                w,
                best.profile(),
                best.throughputRps(),
                close.isEmpty() ? "" : " (within 5 %: " + String.join(", ", close) + ")",
                worst.profile(),
                worst.throughputRps()));
    }

    /**
     * A profile under an interpreter lock against one like it without that lock, and what the difference is: the
     * emulated pair and the real Python pair.
     */
    private record LockPair(String locked, String free, String difference) {}

    private static final List<LockPair> LOCK_PAIRS = List.of(
            new LockPair("threaded-gil", "threaded", "the same threads without the interpreter lock"),
            new LockPair(
                    PythonFindings.GTHREAD,
                    PythonFindings.SYNC,
                    "the same W as processes, each with its own interpreter lock"));

    /** One worker of these serves one request at a time: the baseline of {@link #oneWorker}, emulated or real. */
    private static final List<String> ONE_AT_A_TIME = List.of("multi-process", PythonFindings.SYNC);

    /** Why a profile's tail can be huge, where its design explains it. */
    private static final Map<String, String> TAIL_CAUSES = Map.of(
            "green",
            ": its virtual threads share one carrier thread that is never preempted, so some connections wait while"
                    + " others run (as under Gevent).",
            PythonFindings.GEVENT,
            ": each worker's greenlets share one thread and switch only when one waits, so a request that computes"
                    + " holds up every other request of its worker.");

    /**
     * The locked profile against the free one at the highest W both measured: threaded-gil against threaded
     * (emulated), gunicorn-gthread against gunicorn-sync (real); the first pair present that differs by
     * {@link #FLAT_THROUGHPUT} or more.
     */
    static Optional<String> lockCost(ScalingResult result) {
        for (LockPair pair : LOCK_PAIRS) {
            Optional<String> cost = lockCost(result, pair);
            if (cost.isPresent()) {
                return cost;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lockCost(ScalingResult result, LockPair pair) {
        for (int i = result.workers().size() - 1; i >= 0; i--) {
            int w = result.workers().get(i);
            Optional<ScalingResult.Cell> gil = result.cell(pair.locked(), w).filter(c -> !c.generatorBound());
            Optional<ScalingResult.Cell> free = result.cell(pair.free(), w).filter(c -> !c.generatorBound());
            if (gil.isPresent() && free.isPresent() && free.get().throughputRps() > 0) {
                double less = 1 - gil.get().throughputRps() / free.get().throughputRps();
                if (less < FLAT_THROUGHPUT) {
                    return Optional.empty();
                }
                return Optional.of(String.format(
                        Locale.ROOT,
                        "At W=%d, %s serves %.0f%% fewer requests/s than %s, %s (%.0f vs %.0f).",
                        w,
                        pair.locked(),
                        less * 100,
                        pair.free(),
                        pair.difference(),
                        gil.get().throughputRps(),
                        free.get().throughputRps()));
            }
        }
        return Optional.empty();
    }

    /**
     * At W=1, the best profile against one worker that serves one request at a time (multi-process, or gunicorn-sync
     * on the real servers), when it is {@link #ONE_WORKER_FACTOR}× or more; with a reason when the requests wait for
     * I/O and the best is a real server built to serve others meanwhile.
     */
    static Optional<String> oneWorker(ScalingResult result) {
        List<ScalingResult.Cell> at = atW(result, 1);
        Optional<ScalingResult.Cell> process =
                at.stream().filter(c -> ONE_AT_A_TIME.contains(c.profile())).findFirst();
        if (at.isEmpty() || process.isEmpty() || process.get().throughputRps() <= 0) {
            return Optional.empty();
        }
        ScalingResult.Cell best = at.get(0);
        double factor = best.throughputRps() / process.get().throughputRps();
        if (factor < ONE_WORKER_FACTOR) {
            return Optional.empty();
        }
        boolean waits = result.requests().contains("/io") || result.requests().contains("io=");
        String why = waits && PythonFindings.SERVES_WHILE_WAITING.contains(best.profile())
                ? ": while a request waits for its I/O, one " + best.profile() + " worker serves others, and a "
                        + process.get().profile() + " worker waits with it"
                : "";
        return Optional.of(String.format(
                Locale.ROOT,
                "With one worker, %s serves %.1f× the requests/s of one %s worker (%.0f vs %.0f)%s.",
                best.profile(),
                factor,
                process.get().profile(),
                best.throughputRps(),
                process.get().throughputRps(),
                why));
    }

    /** For each profile, its worst p99 when it is huge next to the other profiles' median at the same W. */
    static List<String> tails(ScalingResult result) {
        List<String> tails = new ArrayList<>();
        for (String profile : result.profiles()) {
            Optional<String> worst = Optional.empty();
            double worstFactor = 0;
            for (ScalingResult.Cell cell : measured(result.row(profile))) {
                double[] others = atW(result, cell.workers()).stream()
                        .filter(c -> !c.profile().equals(profile))
                        .mapToDouble(ScalingResult.Cell::p99Ms)
                        .toArray();
                if (others.length == 0 || cell.p99Ms() < HUGE_P99_MS) {
                    continue;
                }
                double median = median(others);
                double factor = cell.p99Ms() / Math.max(median, 1);
                if (factor >= HUGE_P99_FACTOR && factor > worstFactor) {
                    worstFactor = factor;
                    worst = Optional.of(String.format(
                            Locale.ROOT,
                            "%s at W=%d has a p99 of %d ms, %.0f× the other profiles' median (%.0f ms)%s",
                            profile,
                            cell.workers(),
                            cell.p99Ms(),
                            factor,
                            median,
                            TAIL_CAUSES.getOrDefault(profile, ".")));
                }
            }
            worst.ifPresent(tails::add);
        }
        return tails;
    }

    /** Measured cells at one W, most requests/s first. */
    static List<ScalingResult.Cell> atW(ScalingResult result, int w) {
        return result.cells().stream()
                .filter(c -> c.workers() == w && !c.generatorBound())
                .sorted(Comparator.comparingDouble(ScalingResult.Cell::throughputRps)
                        .reversed())
                .toList();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
