package dev.loadlab.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real Python servers' findings, each from a known table, both where the numbers show it and where not. */
class PythonFindingsTest {
    private static final List<String> PROFILES = List.of("gunicorn-sync", "gunicorn-gthread", "uvicorn", "gevent");

    /** py-gil-cpu on 2 cores, {rps, p99, cores} per profile at W = 1, 2, 4: gthread held at one core. */
    static ScalingResult cpu() {
        double[][][] data = {
            {{190, 200, 1.00}, {350, 150, 1.85}, {345, 300, 1.90}},
            {{185, 210, 1.00}, {180, 400, 1.02}, {178, 420, 1.03}},
            {{195, 330, 1.01}, {360, 180, 1.90}, {355, 200, 1.92}},
            {{192, 2500, 1.00}, {365, 1500, 1.91}, {350, 700, 1.90}},
        };
        return result("py-gil-cpu", "GET /cpu?ms=5", List.of(1, 2, 4), data, null);
    }

    /** py-gil-mixed on 2 cores: the blocking servers wait most of the time, the event loop and greenlets do not. */
    static ScalingResult mixed() {
        double[][][] data = {
            {{48, 700, 0.22}, {95, 650, 0.45}, {180, 380, 0.85}},
            {{47, 690, 0.25}, {90, 400, 0.50}, {170, 250, 0.95}},
            {{240, 200, 1.00}, {450, 120, 1.85}, {445, 130, 1.90}},
            {{230, 250, 0.98}, {440, 160, 1.88}, {430, 170, 1.90}},
        };
        return result("py-gil-mixed", "GET /mixed?io=16&cpu=4", List.of(1, 2, 4), data, null);
    }

    /** {@code bound} names the one generator-bound cell as "profile@W", or is null. */
    static ScalingResult result(
            String scenario, String requests, List<Integer> workers, double[][][] data, String bound) {
        List<ScalingResult.Cell> cells = new ArrayList<>();
        for (int p = 0; p < PROFILES.size(); p++) {
            for (int w = 0; w < workers.size(); w++) {
                double[] v = data[p][w];
                String cell = PROFILES.get(p) + "@" + workers.get(w);
                cells.add(new ScalingResult.Cell(
                        PROFILES.get(p), workers.get(w), v[0], (long) v[1], v[2], cell.equals(bound)));
            }
        }
        return new ScalingResult(
                scenario,
                "run-py",
                "SUCCEEDED",
                requests,
                "closed",
                64,
                "1s",
                "2s",
                PROFILES,
                workers,
                cells,
                bound == null ? null : "agent used 60% of the machine",
                null);
    }

    @Test
    void gthreadStaysAtOneCoreWhileSyncUsesMoreAtTheSameW() {
        assertThat(PythonFindings.gilCeiling(cpu()))
                .contains(
                        "gunicorn-gthread stays at about one core (1.00 to 1.03) for every W from 1 to 4, while"
                                + " gunicorn-sync, the same W as processes, reaches 1.9 cores at W=4: its threads share one"
                                + " process and its one interpreter lock (the GIL), so only one of them runs Python at a time.");
    }

    @Test
    void gthreadThatGetsToOneCoreLaterSaysFromWhere() {
        double[][][] data = {
            {{190, 200, 1.00}, {350, 150, 1.85}, {345, 300, 1.90}, {340, 300, 1.90}},
            {{120, 200, 0.60}, {180, 200, 0.90}, {182, 250, 0.98}, {178, 250, 1.04}},
            {{195, 330, 1.01}, {360, 180, 1.90}, {355, 200, 1.92}, {350, 200, 1.90}},
            {{192, 250, 1.00}, {365, 150, 1.91}, {350, 700, 1.90}, {340, 200, 1.90}},
        };
        ScalingResult result = result("py-gil-cpu", "GET /cpu?ms=5", List.of(1, 2, 4, 8), data, null);

        assertThat(PythonFindings.gilCeiling(result)).hasValueSatisfying(f -> assertThat(f)
                .startsWith("gunicorn-gthread rises to about one core at W=2 and stays there (0.90 to 1.04) up to"
                        + " W=8, while gunicorn-sync, the same W as processes, reaches 1.9 cores at W=4:"));
    }

    @Test
    void gthreadThatReachesOneCoreOnlyAtItsLastWNeverGoesPastIt() {
        // The short demo on a 2-core machine shared with the agent: W = 1, 2 only, one core not reached at W=1.
        double[][][] data = {
            {{146, 500, 0.80}, {254, 450, 1.36}},
            {{124, 500, 0.70}, {153, 600, 0.90}},
            {{159, 400, 0.80}, {174, 500, 1.00}},
            {{167, 900, 1.00}, {255, 3209, 1.50}},
        };
        ScalingResult result = result("py-gil-cpu", "GET /cpu?ms=5", List.of(1, 2), data, null);

        assertThat(PythonFindings.gilCeiling(result))
                .contains("gunicorn-gthread never goes past one core (at most 0.90, at W=2), while gunicorn-sync, the"
                        + " same W as processes, reaches 1.4 cores at W=2: its threads share one process and its one"
                        + " interpreter lock (the GIL), so only one of them runs Python at a time.");

        // Well short of one core at its most: nothing shows a ceiling.
        data[1][1] = new double[] {140, 600, 0.70};
        assertThat(PythonFindings.gilCeiling(result("py-gil-cpu", "GET /cpu?ms=5", List.of(1, 2), data, null)))
                .isEmpty();
    }

    @Test
    void noGilSentenceWhenSyncDoesNotUseMoreOrGthreadGoesPastOneCore() {
        // /mixed: at W=4 gthread is at 0.95 core, but sync with the same W uses 0.85: the load, not a lock, sets it.
        assertThat(PythonFindings.gilCeiling(mixed())).isEmpty();

        // Past one core (a free-threaded interpreter would do this): no GIL claim, and it scales instead.
        double[][][] free = regroup(cpu());
        free[1][1] = new double[] {350, 200, 1.80};
        free[1][2] = new double[] {352, 200, 1.88};
        ScalingResult freeThreaded = result("py-gil-cpu", "GET /cpu?ms=5", List.of(1, 2, 4), free, null);
        assertThat(PythonFindings.gilCeiling(freeThreaded)).isEmpty();
        assertThat(PythonFindings.of(freeThreaded, 2)).anyMatch(f -> f.startsWith("gunicorn-gthread scales to 1.8"));

        // A one-core machine: nobody gets past one core, so one core is the machine's limit, not the lock's.
        double[][][] oneCore = regroup(cpu());
        for (double[][] row : oneCore) {
            for (double[] cell : row) {
                cell[2] = Math.min(cell[2], 1.05);
            }
        }
        assertThat(PythonFindings.gilCeiling(result("py-gil-cpu", "GET /cpu?ms=5", List.of(1, 2, 4), oneCore, null)))
                .isEmpty();

        // Only W=1 measured: nothing shows what more threads do.
        double[][][] single = {{{190, 200, 1.0}}, {{185, 210, 1.0}}, {{195, 330, 1.0}}, {{192, 250, 1.0}}};
        assertThat(PythonFindings.of(result("py-gil-cpu", "GET /cpu?ms=5", List.of(1), single, null), 2))
                .isEmpty();
    }

    @Test
    void syncsCellMustMeasureTheTargetNotTheGenerator() {
        // sync at W=4 flagged: W=2 is the evidence.
        assertThat(PythonFindings.gilCeiling(
                        result("py-gil-cpu", "GET /cpu?ms=5", List.of(1, 2, 4), regroup(cpu()), "gunicorn-sync@4")))
                .hasValueSatisfying(f -> assertThat(f).contains("reaches 1.9 cores at W=2:"));

        // ... and with sync at W=2 near one core, the flagged W=4 is no evidence at all.
        double[][][] data = regroup(cpu());
        data[0][1] = new double[] {200, 200, 1.2};
        assertThat(PythonFindings.gilCeiling(
                        result("py-gil-cpu", "GET /cpu?ms=5", List.of(1, 2, 4), data, "gunicorn-sync@4")))
                .isEmpty();
    }

    @Test
    void aServerScalesWhenItsCoresAndRequestsGrowOverOneWorker() {
        List<String> findings = PythonFindings.of(cpu(), 2);

        assertThat(findings)
                .contains("gunicorn-sync scales to 1.9 cores at W=2 (1.0 at W=1), about all 2 cores of this machine,"
                        + " requests/s 1.8× (190 -> 350).")
                .contains("uvicorn scales to 1.9 cores at W=2 (1.0 at W=1), about all 2 cores of this machine,"
                        + " requests/s 1.8× (195 -> 360).")
                .noneMatch(f -> f.startsWith("gunicorn-gthread scales"));
        // On a machine with more cores, 1.9 is not "all of it".
        assertThat(PythonFindings.scales("gunicorn-sync", cpu().row("gunicorn-sync"), 8))
                .contains("gunicorn-sync scales to 1.9 cores at W=2 (1.0 at W=1), requests/s 1.8× (190 -> 350).");
        assertThat(PythonFindings.of(mixed(), 2))
                .contains("gunicorn-sync scales to 0.9 cores at W=4 (0.2 at W=1), requests/s 3.8× (48 -> 180).");
    }

    @Test
    void noScalingSentenceForTooLittleGrowthInCoresOrRequests() {
        // 0.22 -> 0.45 cores at W=2: requests doubled, but a quarter core more is no scaling in cores.
        ScalingResult twoW = result("py-gil-mixed", "GET /mixed?io=16&cpu=4", List.of(1, 2), firstTwo(mixed()), null);
        assertThat(PythonFindings.scales("gunicorn-sync", twoW.row("gunicorn-sync"), 2))
                .isEmpty();
        // More cores but no more requests/s: the extra CPU bought nothing (contention, not scaling).
        List<ScalingResult.Cell> burnt = List.of(
                new ScalingResult.Cell("uvicorn", 1, 200, 100, 1.0, false),
                new ScalingResult.Cell("uvicorn", 2, 220, 100, 1.9, false));
        assertThat(PythonFindings.scales("uvicorn", burnt, 2)).isEmpty();
        // Without W=1 there is nothing to scale from.
        assertThat(PythonFindings.scales("uvicorn", cpu().row("uvicorn").subList(1, 3), 2))
                .isEmpty();
    }

    @Test
    void oneUvicornWorkerOnMixedAgainstOneSyncWorkerWithTheReason() {
        assertThat(Findings.oneWorker(mixed()))
                .contains("With one worker, uvicorn serves 5.0× the requests/s of one gunicorn-sync worker (240 vs"
                        + " 48): while a request waits for its I/O, one uvicorn worker serves others, and a"
                        + " gunicorn-sync worker waits with it.");
        // On /cpu nothing waits: one worker is one worker.
        assertThat(Findings.oneWorker(cpu())).isEmpty();
    }

    @Test
    void gthreadAgainstSyncAtTheSameWOnlyWhenItIsClearlyLess() {
        assertThat(Findings.lockCost(cpu()))
                .contains("At W=4, gunicorn-gthread serves 48% fewer requests/s than gunicorn-sync, the same W as"
                        + " processes, each with its own interpreter lock (178 vs 345).");
        // On /mixed at W=4 the threads mostly wait, so the lock costs less than 10 %: no sentence.
        assertThat(Findings.lockCost(mixed())).isEmpty();
    }

    @Test
    void aHugeGeventTailSaysWhyAndTheWholeListHoldsTheRealServersFindings() {
        List<String> findings = Findings.of(cpu(), 2);

        assertThat(Findings.tails(cpu()))
                .containsExactly("gevent at W=1 has a p99 of 2500 ms, 12× the other profiles' median (210 ms): each"
                        + " worker's greenlets share one thread and switch only when one waits, so a request that"
                        + " computes holds up every other request of its worker.");
        assertThat(findings)
                .anyMatch(f -> f.startsWith("gunicorn-gthread plateaus at 1.0 cores from W=1"))
                .anyMatch(f -> f.startsWith("gunicorn-gthread stays at about one core"))
                .anyMatch(f -> f.startsWith("gunicorn-sync scales to"))
                .anyMatch(f -> f.startsWith("At W=4, gunicorn-gthread serves 48% fewer"))
                .anyMatch(f -> f.startsWith("gevent at W=1 has a p99"))
                .noneMatch(f -> f.startsWith("With one worker"));
    }

    private static double[][][] regroup(ScalingResult result) {
        double[][][] data = new double[PROFILES.size()][result.workers().size()][];
        for (int p = 0; p < PROFILES.size(); p++) {
            for (int w = 0; w < result.workers().size(); w++) {
                ScalingResult.Cell c =
                        result.cell(PROFILES.get(p), result.workers().get(w)).orElseThrow();
                data[p][w] = new double[] {c.throughputRps(), c.p99Ms(), c.targetCpuCores()};
            }
        }
        return data;
    }

    private static double[][][] firstTwo(ScalingResult result) {
        double[][][] all = regroup(result);
        double[][][] two = new double[all.length][][];
        for (int p = 0; p < all.length; p++) {
            two[p] = new double[][] {all[p][0], all[p][1]};
        }
        return two;
    }
}
