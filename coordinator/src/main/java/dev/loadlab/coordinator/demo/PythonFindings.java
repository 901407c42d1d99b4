package dev.loadlab.coordinator.demo;

import dev.loadlab.coordinator.targetcontrol.MissingProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The findings of a sweep over the real Python servers ({@code py-gil-cpu}, {@code py-gil-mixed}) that the emulated
 * profiles' findings do not cover: whether gunicorn-gthread stays at one core while gunicorn-sync uses more (the
 * GIL), and how far each real server scales in cores. Each sentence only when the numbers show it, by the thresholds
 * below; cells flagged generator-bound are left out. Stateless.
 */
final class PythonFindings {
    static final String SYNC = "gunicorn-sync";
    static final String GTHREAD = "gunicorn-gthread";
    static final String UVICORN = "uvicorn";
    static final String GEVENT = "gevent";

    /** The four command profiles of the Python twin's profiles file, in the built-in scenarios' order. */
    static final List<String> PROFILES = MissingProfile.PYTHON_PROFILES;

    /** Real servers whose one worker serves other requests while one waits for its I/O. */
    static final Set<String> SERVES_WHILE_WAITING = Set.of(UVICORN, GEVENT);

    /** Within this of 1.0 core is "one core": one process under one lock, read from /proc with a little noise. */
    static final double ONE_CORE_MARGIN = 0.15;

    /** gunicorn-sync at 1 + this many cores or more at a W shows that the machine and the load had more to give. */
    static final double BEYOND_ONE_CORE = 0.3;

    /** "Scales" needs at least this many more cores than at W=1 ... */
    static final double SCALE_MIN_CORES = 0.5;

    /** ... and at least this much more requests/s (relative) than at W=1. */
    static final double SCALE_MIN_THROUGHPUT = 0.3;

    /** A server within this many cores of the machine's is using "about all" of it. */
    static final double MACHINE_MARGIN = 0.3;

    private PythonFindings() {}

    /** Every finding of this kind the result supports, none when it holds no real Python server. */
    static List<String> of(ScalingResult result, int machineCores) {
        List<String> findings = new ArrayList<>();
        gilCeiling(result).ifPresent(findings::add);
        for (String profile : PROFILES) {
            if (result.profiles().contains(profile)) {
                scales(profile, Findings.measured(result.row(profile)), machineCores)
                        .ifPresent(findings::add);
            }
        }
        return findings;
    }

    /**
     * "gunicorn-gthread stays at about one core for every W ..., while gunicorn-sync, the same W as processes, reaches 1.9
     * cores": when no gthread cell is more than {@link #ONE_CORE_MARGIN} above one core, gunicorn-sync at one of the
     * same W of 2 or more uses {@link #BEYOND_ONE_CORE} more than one core (the same workers and the same demand, only
     * the lock differs, so one core was neither the machine's limit nor the load's), and gthread either stays within
     * the margin of one core for at least its last two W or reaches it at its most.
     */
    static Optional<String> gilCeiling(ScalingResult result) {
        List<ScalingResult.Cell> row = Findings.measured(result.row(GTHREAD));
        if (row.size() < 2
                || row.stream().anyMatch(c -> c.targetCpuCores() == null)
                || row.stream().anyMatch(c -> c.targetCpuCores() > 1 + ONE_CORE_MARGIN)
                || row.getLast().workers() < 2) {
            return Optional.empty();
        }
        Optional<ScalingResult.Cell> processes = row.stream()
                .filter(c -> c.workers() >= 2)
                .flatMap(c -> result.cell(SYNC, c.workers()).stream())
                .filter(c -> !c.generatorBound() && c.targetCpuCores() != null)
                .filter(c -> c.targetCpuCores() >= 1 + BEYOND_ONE_CORE)
                .max(Comparator.comparingDouble(ScalingResult.Cell::targetCpuCores));
        if (processes.isEmpty()) {
            return Optional.empty();
        }
        int from = row.size();
        while (from > 0 && oneCore(row.get(from - 1))) {
            from--;
        }
        List<ScalingResult.Cell> atOne = row.subList(from, row.size());
        ScalingResult.Cell most = row.stream()
                .max(Comparator.comparingDouble(ScalingResult.Cell::targetCpuCores))
                .orElseThrow();
        String where;
        if (atOne.size() >= 2) {
            double low = atOne.stream()
                    .mapToDouble(ScalingResult.Cell::targetCpuCores)
                    .min()
                    .orElseThrow();
            double high = atOne.stream()
                    .mapToDouble(ScalingResult.Cell::targetCpuCores)
                    .max()
                    .orElseThrow();
            where = from == 0
                    ? String.format(
                            Locale.ROOT,
                            "stays at about one core (%.2f to %.2f) for every W from %d to %d",
                            low,
                            high,
                            row.getFirst().workers(),
                            row.getLast().workers())
                    : String.format(
                            Locale.ROOT,
                            "rises to about one core at W=%d and stays there (%.2f to %.2f) up to W=%d",
                            atOne.getFirst().workers(),
                            low,
                            high,
                            row.getLast().workers());
        } else if (most.workers() >= 2 && oneCore(most)) {
            where = String.format(
                    Locale.ROOT,
                    "never goes past one core (at most %.2f, at W=%d)",
                    most.targetCpuCores(),
                    most.workers());
        } else {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "%s %s, while %s, the same W as processes, reaches %.1f cores at W=%d: its threads share one process"
                        + " and its one interpreter lock (the GIL), so only one of them runs Python at a time.",
                GTHREAD,
                where,
                SYNC,
                processes.get().targetCpuCores(),
                processes.get().workers()));
    }

    /**
     * "gunicorn-sync scales to 1.9 cores at W=2 (1.0 at W=1), requests/s 1.9× (190 -> 360)": the first W at which the
     * server comes within {@link Findings#FLAT_CORES} of its most cores, when that is {@link #SCALE_MIN_CORES} more
     * than at W=1 and its requests/s {@link #SCALE_MIN_THROUGHPUT} more.
     */
    static Optional<String> scales(String profile, List<ScalingResult.Cell> row, int machineCores) {
        if (row.size() < 2
                || row.getFirst().workers() != 1
                || row.getFirst().throughputRps() <= 0
                || row.stream().anyMatch(c -> c.targetCpuCores() == null)) {
            return Optional.empty();
        }
        ScalingResult.Cell base = row.getFirst();
        double most = row.stream()
                .mapToDouble(ScalingResult.Cell::targetCpuCores)
                .max()
                .orElseThrow();
        ScalingResult.Cell reached = row.stream()
                .filter(c -> c.targetCpuCores() >= most - Findings.FLAT_CORES)
                .findFirst()
                .orElseThrow();
        double factor = reached.throughputRps() / base.throughputRps();
        if (reached.targetCpuCores() - base.targetCpuCores() < SCALE_MIN_CORES || factor < 1 + SCALE_MIN_THROUGHPUT) {
            return Optional.empty();
        }
        String limit = machineCores > 0 && reached.targetCpuCores() >= machineCores - MACHINE_MARGIN
                ? ", about all " + machineCores + " cores of this machine"
                : "";
        return Optional.of(String.format(
                Locale.ROOT,
                "%s scales to %.1f cores at W=%d (%.1f at W=1)%s, requests/s %.1f× (%.0f -> %.0f).",
                profile,
                reached.targetCpuCores(),
                reached.workers(),
                base.targetCpuCores(),
                limit,
                factor,
                base.throughputRps(),
                reached.throughputRps()));
    }

    private static boolean oneCore(ScalingResult.Cell cell) {
        return Math.abs(cell.targetCpuCores() - 1) <= ONE_CORE_MARGIN;
    }
}
