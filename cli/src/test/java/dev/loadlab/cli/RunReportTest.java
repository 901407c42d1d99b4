package dev.loadlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class RunReportTest {
    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return Json.lenient().readTree(text);
    }

    @Test
    void theStepsTableHasOneAlignedRowPerStepWithItsFlags() throws Exception {
        var lines = RunReport.steps(json(CannedRuns.INCONCLUSIVE)).lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("step  profile   W  repeat  req/s  p50 ms  p99 ms  errors  flags");
        assertThat(lines.get(1))
                .isEqualTo(
                        "   0  threaded  1       0  400.0       9      14       3  generator-bound, SLO inconclusive");
        assertThat(lines.get(2)).isEqualTo("   1  threaded  1       1  399.5      10      15       0  unsteady");
    }

    @Test
    void theVerdictSaysItsOutcomeReasonAndTheStepsBehindIt() throws Exception {
        assertThat(RunReport.verdict(json(CannedRuns.INCONCLUSIVE)))
                .containsExactly(
                        "verdict: inconclusive - 2 steps cannot carry a verdict: steps 0, 1 (run SUCCEEDED)",
                        "  step 0 (threaded W=1): inconclusive - generator-bound: agent-cpu 0.97",
                        "  step 1 (threaded W=1 #1): inconclusive - the measured window was not steady (throughput"
                                + " drifted -31 %)");
        assertThat(ExitCode.of(json(CannedRuns.INCONCLUSIVE))).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(ExitCode.of(json(CannedRuns.FAILED))).isEqualTo(ExitCode.FAILED_SLO);
        assertThat(ExitCode.of(json("{\"status\": \"CANCELLED\", \"verdict\": {\"outcome\": \"inconclusive\"}}")))
                .isEqualTo(ExitCode.RUN_FAILED);
        assertThat(ExitCode.of(json("{\"status\": \"SUCCEEDED\", \"verdict\": {\"outcome\": \"passed\"}}")))
                .isEqualTo(ExitCode.PASSED);
    }

    @Test
    void theMarkdownSummaryIsATableWithEscapedPipesAndALink() throws Exception {
        String md = RunReport.markdown(json(CannedRuns.INCONCLUSIVE), "http://127.0.0.1:7070");
        assertThat(md)
                .startsWith(
                        "### LoadLab sweep: :warning: inconclusive\n\n2 steps cannot carry a verdict: steps 0, 1\n\n")
                .contains("| step | profile | W | repeat | req/s | p50 ms | p99 ms | errors | flags |\n")
                .contains("| 0 | threaded | 1 | 0 | 400.0 | 9 | 14 | 3 | generator-bound, SLO inconclusive |\n")
                .endsWith("[run r1](http://127.0.0.1:7070/dashboard/#/runs/r1) - status SUCCEEDED\n");
    }

    @Test
    void theJUnitReportHasOneTestcasePerStepAndAFailureWhereTheSloBroke() throws Exception {
        Path file = dir.resolve("junit.xml");
        JUnitReport.write(json(CannedRuns.FAILED), file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("loadlab.io <fast> & \"quoted\"");
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element testcase = (Element) suite.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo("step 0");
        assertThat(testcase.getAttribute("time")).isEqualTo("5.000");
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("p99 12 ms is above the SLO's 1 ms");

        Path inconclusive = dir.resolve("inconclusive.xml");
        JUnitReport.write(json(CannedRuns.INCONCLUSIVE), inconclusive);
        Document other =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(inconclusive.toFile());
        assertThat(other.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(other.getElementsByTagName("failure").getLength()).isZero();
        assertThat(Files.readString(inconclusive)).doesNotContain("\u001b");
    }

    @Test
    void plainOutputHasNoEscapeCodes() throws Exception {
        StringWriter out = new StringWriter();
        Output output = Output.plain(new PrintWriter(out), new PrintWriter(new StringWriter()));
        ResultOptions.print(json(CannedRuns.FAILED), "http://127.0.0.1:7070", output);
        assertThat(out.toString())
                .contains("verdict: failed - 1 step broke the SLO: step 0 (run SUCCEEDED)")
                .contains("dashboard: http://127.0.0.1:7070/dashboard/#/runs/r2")
                .doesNotContain("\u001b");
    }

    @Test
    void stepLabelsFollowThePlanOrderProfilesThenWorkersThenRepeats() throws Exception {
        JsonNode scenario = json(CannedRuns.SCENARIO);
        assertThat(RunWatcher.stepLabel(scenario, 0)).isEqualTo("step 1/8 (threaded W=1 #0)");
        assertThat(RunWatcher.stepLabel(scenario, 3)).isEqualTo("step 4/8 (threaded W=4 #1)");
        assertThat(RunWatcher.stepLabel(scenario, 5)).isEqualTo("step 6/8 (async W=1 #1)");
        assertThat(RunWatcher.stepLabel(json("{\"target\": {}}"), 0)).isEqualTo("step 1/1");
        JsonNode running = json(CannedRuns.RUNNING);
        JsonNode last = json(CannedRuns.TIMELINE).get("seconds").get(1);
        assertThat(RunWatcher.line(running, last))
                .isEqualTo("step 6/8 (async W=1 #1) measuring 3/5 s | last second: 412 req/s, p99 12 ms, 2 errors");
    }

    @Test
    void aMergePatchReplacesMergesAndRemoves() throws Exception {
        JsonNode merged = RunCommand.mergePatch(
                json("{\"name\": \"a\", \"load\": {\"users\": 4, \"duration\": \"10s\"}, \"slo\": {\"p99Ms\": 5}}"),
                json("{\"load\": {\"duration\": \"2s\"}, \"slo\": null, \"repeats\": 3}"));
        assertThat(merged)
                .isEqualTo(json("{\"name\": \"a\", \"load\": {\"users\": 4, \"duration\": \"2s\"}, \"repeats\": 3}"));
    }

    @Test
    void theTokenComesFromTheFlagThenTheEnvironmentThenTheDataDirectorysFile() throws Exception {
        Files.writeString(dir.resolve("api-token"), "from-file\n");
        GlobalOptions options = new GlobalOptions();
        options.dataDir = dir;
        assertThat(options.token(java.util.Map.of())).isEqualTo("from-file");
        assertThat(options.token(java.util.Map.of("LOADLAB_TOKEN", "from-env"))).isEqualTo("from-env");
        options.token = "from-flag";
        assertThat(options.token(java.util.Map.of("LOADLAB_TOKEN", "from-env"))).isEqualTo("from-flag");
        assertThat(new GlobalOptions().url(java.util.Map.of())).isEqualTo("http://127.0.0.1:7070");
        assertThat(new GlobalOptions().url(java.util.Map.of("LOADLAB_URL", "http://h:1")))
                .isEqualTo("http://h:1");
    }
}
