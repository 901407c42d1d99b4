package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.cli.CliMain;
import dev.loadlab.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare}, {@code run --baseline}, {@code export} and Ctrl-C against one real coordinator, agent and target.
 * SIGINT comes first: it is sent with {@code kill -INT} to the CLI's own process, started from its app jar with
 * stdout a pipe, as in CI, once the run measures; its seconds of load also warm the agent and the target for the runs
 * compared next. Those are three repeats of 1 s warm-up and 2 s measured each, so the test compares the repeats'
 * throughput, which a ragged second does not shake as it shakes a short window's batch means. The candidate asks the
 * target for 80 ms per request where the baseline asked for 20 ms: both mostly wait, at rates (about 190 and 50
 * requests/s) that a busy 2-core machine still serves evenly, so the three-quarter drop is a regression no noise
 * hides (at 10 ms, about 350 requests/s, one cold repeat of the baseline once did).
 */
class CliCompareIT {
    private static final String SCENARIO = """
            {"name": "cli-compare",
             "target": {"baseUrl": "%s"},
             "workload": {"requests": [{"name": "io", "path": "/io?ms=%d"}]},
             "load": {"model": "closed", "users": 4, "warmup": "1s", "duration": "%s"}, "repeats": %d}
            """;
    private static final Pattern QUEUED = Pattern.compile("^run ([0-9a-f-]{36}) queued");

    @TempDir
    Path dir;

    @Test
    void compareBaselineByLabelExportAndSigintCancel() throws Exception {
        try (AppStack stack = AppStack.start(dir, "cli-compare", 1)) {
            String url = stack.coordinator.httpUrl();
            String token = stack.coordinator.apiToken();
            sigintCancelsTheRunOnTheCoordinatorAndExits3(stack, url, token);

            Path fast = Files.writeString(dir.resolve("fast.json"), SCENARIO.formatted(stack.targetUrl(), 20, "2s", 3));
            Path slow = Files.writeString(dir.resolve("slow.json"), SCENARIO.formatted(stack.targetUrl(), 80, "2s", 3));

            // No run carries the label yet: exit 4 naming it, and nothing is submitted.
            Cli none = cli("run", fast.toString(), "--url", url, "--token", token, "--baseline", "label:branch=main");
            assertThat(none.code).as(none.toString()).isEqualTo(4);
            assertThat(none.err).contains("no succeeded run carries the label branch:main");
            assertThat(stack.api.get("/api/v1/runs").body().get("runs")).hasSize(1);

            Cli baseline = cli("run", fast.toString(), "--url", url, "--token", token, "--label", "branch:main");
            assertThat(baseline.code).as(baseline.toString()).isIn(0, 2);
            String baselineId = queuedId(baseline.out);

            // The candidate against the newest main run: the comparison follows the run's own report; exit 1.
            Cli candidate = cli(
                    "run",
                    slow.toString(),
                    "--url",
                    url,
                    "--token",
                    token,
                    "--label",
                    "branch:pr-1",
                    "--baseline",
                    "label:branch=main");
            assertThat(candidate.code).as(candidate.toString()).isEqualTo(1);
            assertThat(candidate.out)
                    .contains("(baseline " + baselineId + ")", "verdict: ", "correction: Holm")
                    .containsPattern("verdict: \\d steps? regressed: step 0 \\((all|io)")
                    .doesNotContain("\u001b");
            String candidateId = queuedId(candidate.out);

            Cli compared = cli("compare", baselineId, candidateId, "--url", url, "--token", token);
            assertThat(compared.code).as(compared.toString()).isEqualTo(1);
            assertThat(compared.out).contains("repeats 3/3", "regressed", "test: Welch's t-test");
            Cli reversed = cli("compare", candidateId, baselineId, "--url", url, "--token", token, "--format", "json");
            assertThat(reversed.code).as(reversed.toString()).isZero();
            JsonNode report = Json.lenient().readTree(reversed.out);
            assertThat(report.get("steps").get(0).get("verdict").asText()).isEqualTo("improved");
            assertThat(report.get("steps").get(0).get("test").get("effect").asDouble())
                    .isGreaterThan(1.0);
            Cli byLabel = cli(
                    "compare",
                    "--baseline",
                    "label:branch=main",
                    candidateId,
                    "--url",
                    url,
                    "--token",
                    token,
                    "--format",
                    "markdown");
            assertThat(byLabel.code).as(byLabel.toString()).isEqualTo(1);
            assertThat(byLabel.out).startsWith("### LoadLab compare: :x: ").contains(baselineId);
            Cli noLabel =
                    cli("compare", "--baseline", "label:branch=nope", candidateId, "--url", url, "--token", token);
            assertThat(noLabel.code).isEqualTo(4);
            assertThat(noLabel.err).contains("branch:nope");

            // export: the CSV read back to the stored step; html only where the coordinator has it.
            Path csv = dir.resolve("candidate.csv");
            Cli exported =
                    cli("export", candidateId, "--format", "csv", "-o", csv.toString(), "--url", url, "--token", token);
            assertThat(exported.code).as(exported.toString()).isZero();
            List<List<String>> rows = ExportIT.parseCsv(Files.readString(csv));
            List<String> header = rows.get(0);
            JsonNode step = stack.api
                    .get("/api/v1/runs/" + candidateId)
                    .body()
                    .get("steps")
                    .get(0);
            assertThat(rows.get(1).get(header.indexOf("kind"))).isEqualTo("step");
            assertThat(rows.get(1).get(header.indexOf("requests")))
                    .isEqualTo(step.get("requests").asText());
            Cli html = cli(
                    "export",
                    candidateId,
                    "--format",
                    "html",
                    "-o",
                    dir.resolve("r.html").toString(),
                    "--url",
                    url,
                    "--token",
                    token);
            assertThat(html.code).as(html.err).isZero();
            assertThat(Files.readString(dir.resolve("r.html")))
                    .startsWith("<!DOCTYPE html>")
                    .contains(candidateId);

            // The CLI's own process: export by the coordinator's file name, then a long run stopped with SIGINT.
            Process export =
                    cliProcess(dir, "export", candidateId, "--format", "junit", "--url", url, "--token", token);
            assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(export.exitValue()).isZero();
            assertThat(dir.resolve("loadlab-run-" + candidateId + ".junit.xml")).isNotEmptyFile();
        }
    }

    private void sigintCancelsTheRunOnTheCoordinatorAndExits3(AppStack stack, String url, String token)
            throws Exception {
        Path longRun = Files.writeString(dir.resolve("long.json"), SCENARIO.formatted(stack.targetUrl(), 10, "60s", 1));
        Process cli = cliProcess(dir, "run", longRun.toString(), "--url", url, "--token", token);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(stdout: " + e + ")");
            }
        });
        try {
            String id = Poll.until(
                    "the CLI to say the run is queued: " + lines, Duration.ofSeconds(60), () -> lines.stream()
                            .map(QUEUED::matcher)
                            .filter(Matcher::find)
                            .map(m -> m.group(1))
                            .findFirst());
            // A progress line means the watcher polls, with its signal handlers in place; measuring, the step runs.
            Poll.until("a progress line: " + lines, Duration.ofSeconds(60), () -> lines.stream()
                    .filter(l -> l.startsWith("step 1/1 measuring"))
                    .findFirst());
            Poll.until(
                    "run " + id + " to run",
                    Duration.ofSeconds(60),
                    () -> stack.api
                                    .get("/api/v1/runs/" + id)
                                    .body()
                                    .get("status")
                                    .asText()
                                    .equals("RUNNING")
                            ? Optional.of(true)
                            : Optional.empty());

            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid()))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS))
                    .as("the CLI to exit: " + lines)
                    .isTrue();
            String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cli.exitValue()).as(err).isEqualTo(3);
            assertThat(err).contains("loadlab: SIGINT: cancelled run " + id + " on the coordinator");
            JsonNode ended = stack.awaitEnd(id, Duration.ofSeconds(60));
            assertThat(ended.get("status").asText()).isEqualTo("CANCELLED");
        } finally {
            cli.destroyForcibly();
            reader.join(Duration.ofSeconds(5));
        }
    }

    /** The CLI from its app jar in its own JVM, working in {@code workDir}, stdout and stderr pipes. */
    private static Process cliProcess(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC",
                "-jar",
                System.getProperty("loadlab.cli.jar")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile()).start();
    }

    private static String queuedId(String out) {
        Matcher matcher = Pattern.compile("run ([0-9a-f-]{36}) queued").matcher(out);
        assertThat(matcher.find()).as(out).isTrue();
        return matcher.group(1);
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    private record Cli(int code, String out, String err) {}
}
