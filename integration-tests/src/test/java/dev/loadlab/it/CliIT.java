package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.cli.CliMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The command line client end to end, run in-process through {@link CliMain#execute} against a real coordinator, an
 * agent and the reference target on 127.0.0.1: a run that passes exits 0, one that breaks its SLO (p99 under 1 ms on
 * a 10 ms endpoint) exits 1 and its JUnit report matches the stored run, a cancelled run exits 3, and a bad scenario
 * file or an unreachable coordinator exit 4. Output off a terminal carries no escape codes. (Exit 2, inconclusive,
 * is covered by the cli module's CliWatchTest against a canned run.)
 */
class CliIT {
    private static final String SCENARIO = """
            {"name": "%s",
             "target": {"baseUrl": "%s"},
             "workload": {"requests": [{"name": "io", "path": "/io?ms=10"}]},
             "load": {"model": "closed", "users": 4, "warmup": "1s", "duration": "%s"},
             "slo": {"p99Ms": %d, "errorRate": 0.5}}
            """;

    @TempDir
    Path dir;

    // 4 s measured: under the 5 s the steadiness check needs, so a fresh stack's first, still warming run is not judged
    // unsteady (inconclusive) instead of passing.
    @Test
    void runExitsByVerdictWritesJUnitAndTheOtherCommandsListWhatTheCoordinatorHolds() throws Exception {
        try (AppStack stack = AppStack.start(dir, "cli", 1)) {
            String url = stack.coordinator.httpUrl();
            String token = stack.coordinator.apiToken();

            Path passing = Files.writeString(
                    dir.resolve("passing.json"), SCENARIO.formatted("cli-pass", stack.targetUrl(), "4s", 10000));
            Cli passed = cli("run", passing.toString(), "--url", url, "--token", token, "--label", "ci:it");
            assertThat(passed.code).as(passed.toString()).isZero();
            assertThat(passed.out)
                    .contains("verdict: passed", "dashboard: " + url + "/dashboard/#/runs/", "p99 ms")
                    .doesNotContain("\u001b");
            assertThat(passed.err).doesNotContain("\u001b");

            // YAML, --junit and --json on a run that breaks its SLO on trustworthy figures.
            Path failing = Files.writeString(dir.resolve("failing.yaml"), """
                    name: cli-fail
                    target: {baseUrl: "%s"}
                    workload: {requests: [{name: io, path: "/io?ms=10"}]}
                    load: {model: closed, users: 4, warmup: 1s, duration: 4s}
                    slo: {p99Ms: 1, errorRate: 0.5}
                    """.formatted(stack.targetUrl()));
            Path junit = dir.resolve("steps.xml");
            Path json = dir.resolve("run.json");
            Cli failed = cli(
                    "run",
                    failing.toString(),
                    "--url",
                    url,
                    "--token",
                    token,
                    "--junit",
                    junit.toString(),
                    "--json",
                    json.toString());
            assertThat(failed.code).as(failed.toString()).isEqualTo(1);
            assertThat(failed.out).contains("verdict: failed", "SLO failed").doesNotContain("\u001b");
            JsonNode written = dev.loadlab.protocol.Json.lenient().readTree(json.toFile());
            String failedId = written.get("id").asText();
            JsonNode stored = stack.api.get("/api/v1/runs/" + failedId).body();
            assertThat(written.get("verdict")).isEqualTo(stored.get("verdict"));
            assertJUnitMatches(junit, stored);

            // --summary markdown prints only the table for a pull-request comment.
            Cli summary = cli("watch", failedId, "--url", url, "--token", token, "--summary", "markdown");
            assertThat(summary.code).isEqualTo(1);
            assertThat(summary.out)
                    .startsWith("### LoadLab cli-fail: :x: failed")
                    .contains("| step | profile |");

            // A long run, detached, then cancelled: watching it exits 3.
            Path longRun = Files.writeString(
                    dir.resolve("long.json"), SCENARIO.formatted("cli-long", stack.targetUrl(), "60s", 10000));
            Cli detached = cli("run", longRun.toString(), "--url", url, "--token", token, "--detach");
            assertThat(detached.code).as(detached.toString()).isZero();
            String longId = detached.out.strip();
            Poll.until("run " + longId + " to start", Duration.ofSeconds(60), () -> {
                String status = stack.api
                        .get("/api/v1/runs/" + longId)
                        .body()
                        .get("status")
                        .asText();
                return status.equals("RUNNING") ? java.util.Optional.of(true) : java.util.Optional.empty();
            });
            Cli cancel = cli("cancel", longId, "--url", url, "--token", token);
            assertThat(cancel.code).as(cancel.toString()).isZero();
            Cli watched = cli("watch", longId, "--url", url, "--token", token);
            assertThat(watched.code).as(watched.toString()).isEqualTo(3);
            assertThat(watched.out).contains("(run CANCELLED)").doesNotContain("\u001b");

            Cli ls = cli("ls", "--url", url, "--token", token, "--verdict", "failed");
            assertThat(ls.code).as(ls.toString()).isZero();
            assertThat(ls.out).contains(failedId, "cli-fail").doesNotContain("cli-pass");
            Cli labelled = cli("ls", "--url", url, "--token", token, "--label", "ci:it");
            assertThat(labelled.out).contains("cli-pass", "ci:it").doesNotContain("cli-fail");
            Cli show = cli("show", failedId, "--url", url, "--token", token);
            assertThat(show.code).isZero();
            assertThat(show.out).contains("cli-fail", "verdict: failed");
            Cli scenarios = cli("scenarios", "--url", url, "--token", token);
            assertThat(scenarios.code).isZero();
            assertThat(scenarios.out).contains("smoke", "gil-cpu");
            Cli agents = cli("agents", "--url", url, "--token", token);
            assertThat(agents.code).isZero();
            assertThat(agents.out).contains("IDLE");

            // Bad input: a scenario the coordinator refuses, a broken file, a missing token.
            Path invalid = Files.writeString(dir.resolve("invalid.json"), "{\"name\": \"x\"}");
            Cli refused = cli("run", invalid.toString(), "--url", url, "--token", token);
            assertThat(refused.code).isEqualTo(4);
            assertThat(refused.err).contains("400");
            Cli noToken =
                    cli("ls", "--url", url, "--data-dir", dir.resolve("none").toString());
            assertThat(noToken.code).isEqualTo(4);
            assertThat(noToken.err).contains("401", "--token");
        }
    }

    @Test
    void aBrokenScenarioFileOrAnUnreachableCoordinatorExits4() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort;
        Path scenario =
                Files.writeString(dir.resolve("ok.json"), SCENARIO.formatted("ok", "http://127.0.0.1:9", "1s", 1000));
        Cli down = cli("run", scenario.toString(), "--url", unreachable, "--token", "t");
        assertThat(down.code).isEqualTo(4);
        assertThat(down.err).contains("cannot reach the coordinator at " + unreachable);

        Path broken = Files.writeString(dir.resolve("broken.yaml"), "name: [unclosed\n");
        Cli bad = cli("run", broken.toString(), "--url", unreachable, "--token", "t");
        assertThat(bad.code).isEqualTo(4);
        assertThat(bad.err).contains("is not valid YAML");
        Cli missing = cli("run", dir.resolve("nope.json").toString(), "--url", unreachable);
        assertThat(missing.code).isEqualTo(4);
        assertThat(missing.err).contains("does not exist");
        Cli unknownFlag = cli("run", "--frobnicate");
        assertThat(unknownFlag.code).isEqualTo(4);
    }

    /** One testcase per stored step, named and timed like it, with a failure exactly where its SLO failed. */
    private static void assertJUnitMatches(Path junit, JsonNode run) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name"))
                .isEqualTo("loadlab." + run.get("name").asText());
        NodeList cases = suite.getElementsByTagName("testcase");
        JsonNode steps = run.get("steps");
        assertThat(cases.getLength()).isEqualTo(steps.size()).isPositive();
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(steps.size()));
        List<String> failedSteps = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            JsonNode step = steps.get(i);
            assertThat(testcase.getAttribute("name"))
                    .startsWith("step " + step.get("index").asInt());
            assertThat(Double.parseDouble(testcase.getAttribute("time")))
                    .isCloseTo(step.get("measuredSeconds").asDouble(), org.assertj.core.data.Offset.offset(0.001));
            NodeList failures = testcase.getElementsByTagName("failure");
            boolean sloFailed = step.path("slo").path("outcome").asText().equals("failed");
            assertThat(failures.getLength()).isEqualTo(sloFailed ? 1 : 0);
            if (sloFailed) {
                failedSteps.add(testcase.getAttribute("name"));
                assertThat(((Element) failures.item(0)).getAttribute("message"))
                        .isEqualTo(String.join(
                                "; ",
                                java.util.stream.StreamSupport.stream(
                                                step.get("slo").get("reasons").spliterator(), false)
                                        .map(JsonNode::asText)
                                        .toList()));
            }
        }
        assertThat(failedSteps).isNotEmpty();
        assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(failedSteps.size()));
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    private record Cli(int code, String out, String err) {}
}
