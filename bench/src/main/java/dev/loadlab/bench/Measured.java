package dev.loadlab.bench;

/**
 * What one client measured in one cell and round of {@code ./loadlab bench generator}: requests/s over the measured
 * window, p50 and p99 in milliseconds, the server's CPU cores over that window (NaN when unknown), the per-worker CPU
 * shares as text ("—" when unknown), whether LoadLab flagged the step generator-bound (null for the reference
 * clients), and the reason it gave. Immutable.
 */
record Measured(
        double rps,
        double p50Ms,
        double p99Ms,
        double serverCores,
        String shares,
        Boolean generatorBound,
        String reason) {
    static final String UNKNOWN = "—";
}
