package dev.loadlab.coordinator.demo;

import dev.loadlab.coordinator.steady.Steadiness;
import java.util.Locale;

/**
 * The scaling table the demo prints for a sweep: rows = profiles, columns = worker counts, each cell requests/s with
 * the target's CPU cores in brackets, e.g. {@code 412 [1.0]}; a cell measured while the load generator was the
 * bottleneck is marked {@code *}, one that ran fewer closed-model users than workers (under-loaded: the scenario's
 * choice, not a generator fault) {@code ~}, one whose measured window drifted (unsteady) {@code !}, each explained
 * under the table; when every judged cell was steady, the table says so. Stateless.
 */
final class ScalingTable {
    static final String GENERATOR_MARK = "*";
    static final String UNDER_LOADED_MARK = "~";
    static final String UNSTEADY_MARK = "!";
    /** Wide enough for the longest profile name shipped, gunicorn-gthread, and a gap. */
    private static final int PROFILE_WIDTH = 18;

    private static final int CELL_WIDTH = 14;

    private ScalingTable() {}

    static String format(ScalingResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s (run %s, %s): %s%n",
                result.scenario(),
                result.runId(),
                result.status(),
                result.requests()));
        out.append(String.format(
                Locale.ROOT,
                "  requests/s [target CPU cores] by profile x workers W: %s model, %s, measured %s per cell after a"
                        + " %s warm-up;%n  cores are the target host's own CPU time from /proc over the measured"
                        + " window.%n%n",
                result.model(),
                result.model().equals("closed") ? result.users() + " users" : "open arrivals",
                result.duration(),
                result.warmup()));
        out.append("  ").append(pad("profile", PROFILE_WIDTH));
        for (int w : result.workers()) {
            out.append(padLeft("W=" + w, CELL_WIDTH));
        }
        out.append('\n');
        boolean anyGeneratorBound = result.cells().stream().anyMatch(ScalingResult.Cell::generatorBound);
        boolean anyUnderLoaded = result.cells().stream().anyMatch(ScalingResult.Cell::underLoaded);
        for (String profile : result.profiles()) {
            out.append("  ").append(pad(profile, PROFILE_WIDTH));
            for (int w : result.workers()) {
                String text = result.cell(profile, w).map(ScalingTable::cell).orElse("-");
                out.append(padLeft(text, CELL_WIDTH));
            }
            out.append('\n');
        }
        if (anyGeneratorBound) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %s the load generator was the bottleneck (%s): the cell shows the generator's limit, not"
                            + " the target's; the findings leave it out.%n",
                    GENERATOR_MARK,
                    result.generatorReason() == null ? "flagged generator-bound" : result.generatorReason()));
        }
        if (anyUnderLoaded) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %s under-loaded, not generator-bound (%s).%n",
                    UNDER_LOADED_MARK,
                    result.underLoadedReason() == null
                            ? "fewer users than workers: the scenario's choice"
                            : result.underLoadedReason()));
        }
        if (!result.unsteady().isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %s unsteady: the measured window was not one steady state, so the cell is no limit of the"
                            + " target's:%n",
                    UNSTEADY_MARK));
            result.unsteady().forEach(note -> out.append("      ").append(note).append('\n'));
        } else if (result.steadinessJudged()) {
            out.append(String.format(
                    Locale.ROOT,
                    "  Every cell was steady: no drift over %.0f %% between the first and last thirds of its measured"
                            + " window with a significant Mann-Kendall trend.%n",
                    Steadiness.DRIFT_LIMIT * 100));
        }
        if (result.cells().size() < result.profiles().size() * result.workers().size()) {
            out.append("  - no result: the step failed or did not run (see the run's steps).\n");
        }
        return out.toString();
    }

    /**
     * {@code 412 [1.0]}, or {@code 412 [?]} without the target's cores, with the generator mark when flagged and the
     * under-loaded mark when under-loaded.
     */
    static String cell(ScalingResult.Cell cell) {
        String cores = cell.targetCpuCores() == null ? "?" : String.format(Locale.ROOT, "%.1f", cell.targetCpuCores());
        return String.format(Locale.ROOT, "%.0f [%s]", cell.throughputRps(), cores)
                + (cell.generatorBound() ? GENERATOR_MARK : "")
                + (cell.underLoaded() ? UNDER_LOADED_MARK : "")
                + (cell.unsteady() ? UNSTEADY_MARK : "");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return text.length() >= width ? " " + text : " ".repeat(width - text.length()) + text;
    }
}
