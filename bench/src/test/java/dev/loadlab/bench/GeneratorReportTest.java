package dev.loadlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorReportTest {
    private static final GeneratorCell NGINX = new GeneratorCell("nginx", null, 1, "/", 64, 1);
    private static final GeneratorCell CPU = new GeneratorCell("builtin", "multi-process", 1, "/cpu?ms=5", 32, 1);

    private static Measured client(double rps, double p50, double cores) {
        return new Measured(rps, p50, p50 * 3, cores, Measured.UNKNOWN, null, null);
    }

    private static Measured loadLab(double rps, double p50, boolean flagged) {
        return new Measured(rps, p50, p50 * 3, 0.9, Measured.UNKNOWN, flagged, flagged ? "agent-cpu" : null);
    }

    private static String report(Map<GeneratorCell, Map<String, List<Measured>>> results) {
        return new GeneratorReport(results, "Command: test.").markdown();
    }

    @Test
    void boundsHoldWhenLoadLabKeepsUpWhereTheServerIsTheLimitAndFlagsItselfElsewhere() {
        Map<GeneratorCell, Map<String, List<Measured>>> results = new LinkedHashMap<>();
        results.put(
                NGINX,
                Map.of(
                        GeneratorRunner.LOADLAB, List.of(loadLab(12_000, 5, true), loadLab(13_000, 5, true)),
                        GeneratorRunner.WRK, List.of(client(20_000, 2.1, 0.5), client(21_000, 2.0, 0.5)),
                        GeneratorRunner.GATLING, List.of(client(12_400, 5, 0.4), client(13_100, 5, 0.4))));
        results.put(
                CPU,
                Map.of(
                        GeneratorRunner.LOADLAB, List.of(loadLab(190, 160, false)),
                        GeneratorRunner.WRK, List.of(client(200, 150, 0.98)),
                        GeneratorRunner.GATLING, List.of(client(195, 158, 0.97))));

        String md = report(results);

        assertThat(md)
                .contains("## Load generator against wrk and plain Gatling (issue 12)")
                .contains("LoadLab ≥ 0.9 × wrk's requests/s: holds (1 of 1)")
                .contains("p50 within 15 % of wrk's (or within LoadLab's 1 ms resolution): holds (1 of 1)")
                .contains("LoadLab ≥ 0.95 × plain Gatling's requests/s: holds (0.98)")
                .contains("whenever below 0.8 × wrk (per round): holds (2 of 2)")
                .contains("| `multi-process` W=1 `/cpu?ms=5` | LoadLab (server the limit) | 190 |");
    }

    @Test
    void boundsThatFailNameTheCellsAndFigures() {
        Map<GeneratorCell, Map<String, List<Measured>>> results = new LinkedHashMap<>();
        results.put(
                NGINX,
                Map.of(
                        GeneratorRunner.LOADLAB, List.of(loadLab(11_000, 5, false)),
                        GeneratorRunner.WRK, List.of(client(20_000, 2, 0.95)),
                        GeneratorRunner.GATLING, List.of(client(13_000, 4, 0.6))));

        String md = report(results);

        assertThat(md)
                .contains("LoadLab ≥ 0.9 × wrk's requests/s: does not hold: nginx (1 worker) `/` 0.55")
                .contains("p50 within 15 % of wrk's (or within LoadLab's 1 ms resolution): does not hold:"
                        + " nginx (1 worker) `/` 5.00 vs 2.00 ms")
                .contains("LoadLab ≥ 0.95 × plain Gatling's requests/s: does not hold (0.85)")
                .contains("whenever below 0.8 × wrk (per round): does not hold: nginx (1 worker) `/` round 1 0.55");
    }
}
