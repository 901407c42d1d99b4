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
 * profiles' findings do not cover: whether gunicorn-gthread stays at one core while another server uses more (the
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

    /** Another server at 1 + this many cores or more shows the machine had more than one core to give. */
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
     * "gunicorn-gthread stays at 1.0 core for every W ... while gunicorn-sync reaches 1.9 cores": when from some W on
     * (for at least two W, the last of them 2 or more) every gthread cell is within {@link #ONE_CORE_MARGIN} of one
     * core and none before is above it, while another server reached {@link #BEYOND_ONE_CORE} more than one core at
     * W of 2 or more (so one core was not the machine's limit).
     */
    static Optional<String> gilCeiling(ScalingResult result) {
        List<ScalingResult.Cell> row = Findings.measured(result.row(GTHREAD));
        if (row.size() < 2
                || row.stream().anyMatch(c -> c.targetCpuCores() == null)
                || row.getLast().workers() < 2) {
            return Optional.empty();
        }
        int from = 0;
        while (from < row.size() && !oneCore(row.get(from))) {
            if (row.get(from).targetCpuCores() > 1 + ONE_CORE_MARGIN) {
                return Optional.empty();
            }
            from++;
        }
        List<ScalingResult.Cell> atOne = row.subList(from, row.size());
        if (atOne.size() < 2 || !atOne.stream().allMatch(PythonFindings::oneCore)) {
            return Optional.empty();
        }
        Optional<ScalingResult.Cell> other = result.cells().stream()
                .filter(c -> !c.profile().equals(GTHREAD) && !c.generatorBound())
                .filter(c -> c.workers() >= 2 && c.targetCpuCores() != null)
                .filter(c -> c.targetCpuCores() >= 1 + BEYOND_ONE_CORE)
                .max(Comparator.comparingDouble(ScalingResult.Cell::targetCpuCores));
        if (other.isEmpty()) {
            return Optional.empty();
        }
        double low = atOne.stream()
                .mapToDouble(ScalingResult.Cell::targetCpuCores)
                .min()
                .orElseThrow();
        double high = atOne.stream()
                .mapToDouble(ScalingResult.Cell::targetCpuCores)
                .max()
                .orElseThrow();
        String where = from == 0
                ? String.format(
                        Locale.ROOT,
                        "stays at 1.0 core (%.2f to %.2f) for every W from %d to %d",
                        low,
                        high,
                        row.getFirst().workers(),
                        row.getLast().workers())
                : String.format(
                        Locale.ROOT,
                        "rises to 1.0 core at W=%d and stays there (%.2f to %.2f) up to W=%d",
                        atOne.getFirst().workers(),
                        low,
                        high,
                        row.getLast().workers());
        return Optional.of(String.format(
                Locale.ROOT,
                "%s %s, while %s reaches %.1f cores at W=%d: its threads share one process and its one interpreter"
                        + " lock (the GIL), so only one of them runs Python at a time.",
                GTHREAD,
                where,
                other.get().profile(),
                other.get().targetCpuCores(),
                other.get().workers()));
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
