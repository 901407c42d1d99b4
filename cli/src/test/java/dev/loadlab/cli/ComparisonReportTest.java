package dev.loadlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison as {@code compare} prints it, from a recorded {@code GET /api/v1/compare} answer
 * ({@code compare.json}: one step with too little data, one regressed on repeats, one improved on batch means, one
 * step only in the candidate).
 */
class ComparisonReportTest {
    static JsonNode fixture() throws IOException {
        try (InputStream in = ComparisonReportTest.class.getResourceAsStream("compare.json")) {
            return Json.lenient().readTree(in);
        }
    }

    @Test
    void theTableHasEachStepsFiguresEffectCiTestAndVerdict() throws IOException {
        List<String> lines = ComparisonReport.table(fixture()).lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0))
                .startsWith("step  profile        W  request  baseline req/s  candidate req/s  p99 ms         effect ")
                .endsWith("test             adjusted p  verdict");
        assertThat(lines.get(1))
                .matches(" +0  multi-process  1  all +128\\.7 +128\\.7  553\\.0 / 553\\.0  - +- +batch means 2/2  - +"
                        + "insufficient data");
        assertThat(lines.get(2))
                .contains("threaded", "123.0", "104.5", "553.0 / 610.0", "-15.0 %", "-19.2 % .. -10.9 %")
                .contains("repeats 6/6", "2.4e-05")
                .endsWith("regressed");
        assertThat(lines.get(3)).contains("+20.0 %", "+15.0 % .. +25.0 %", "batch means 5/5", "8.0e-04", "improved");
    }

    @Test
    void thePrintedReportNamesTheMethodTheCorrectionAndTheVerdict() throws IOException {
        StringWriter out = new StringWriter();
        ComparisonReport.print(fixture(), Output.plain(new PrintWriter(out), new PrintWriter(new StringWriter())));
        assertThat(out.toString())
                .startsWith("compare: baseline gil-cpu 7c1d2e3f-0000-4000-8000-000000000001 (SUCCEEDED, submitted"
                        + " 2026-11-25T00:07:43.316069Z) -> candidate gil-cpu 7c1d2e3f-0000-4000-8000-000000000002")
                .contains("test: Welch's t-test (Apache Commons Statistics), two-sided")
                .contains("correction: Holm (step-down, family-wise error rate) over every test of the comparison\n")
                .contains("min effect: 5.0 % (a smaller change is no change)\n")
                .contains("  step 0 (multi-process W=1 all): insufficient data - the baseline has 2 and the"
                        + " candidate 2 batches of 1 s")
                .contains("  step 3 (green W=4) all: only in the candidate\n")
                .endsWith("verdict: 1 step regressed: step 1 (threaded W=2 all)\n")
                .doesNotContain("\u001b");
        assertThat(ComparisonReport.regressed(fixture())).isTrue();
    }

    @Test
    void theMarkdownIsATableFitForAPullRequestComment() throws IOException {
        String md = ComparisonReport.markdown(fixture(), "http://coord:7070");
        assertThat(md)
                .startsWith("### LoadLab compare: :x: 1 step regressed: step 1 (threaded W=2 all)\n\n")
                .contains("baseline [gil-cpu 7c1d2e3f-0000-4000-8000-000000000001](http://coord:7070/dashboard/#/runs/"
                        + "7c1d2e3f-0000-4000-8000-000000000001) -> candidate [gil-cpu")
                .contains("| step | profile | W | request | baseline req/s | candidate req/s | p99 ms | effect |"
                        + " 95 % CI | test | adjusted p | verdict |\n|---:|")
                .contains("| 1 | threaded | 2 | all | 123.0 | 104.5 | 553.0 / 610.0 | -15.0 % | -19.2 % .. -10.9 % |"
                        + " repeats 6/6 | 2.4e-05 | regressed |\n")
                .contains("correction: Holm (step-down, family-wise error rate) over every test of the comparison  \n")
                .contains("- step 3 (green W=4) all: only in the candidate  \n");
    }

    @Test
    void withoutARegressionTheVerdictCountsWhatTheStepsSaid() throws IOException {
        JsonNode report = fixture();
        ((com.fasterxml.jackson.databind.node.ObjectNode) report.get("steps").get(1))
                .put("verdict", "no significant change");
        assertThat(ComparisonReport.regressed(report)).isFalse();
        assertThat(ComparisonReport.verdict(report))
                .isEqualTo("verdict: no step regressed (1 insufficient data, 1 no significant change, 1 improved)");
        assertThat(ComparisonReport.markdown(report, "http://c")).startsWith("### LoadLab compare: :white_check_mark:");
    }
}
