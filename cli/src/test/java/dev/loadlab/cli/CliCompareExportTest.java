package dev.loadlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.cli.CannedCoordinator.Reply;
import dev.loadlab.cli.CannedCoordinator.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} and {@code export} against a canned coordinator on port 0: the calls they make, their exit codes and
 * how they report the coordinator's errors. The same against a real coordinator is CliCompareIT.
 */
class CliCompareExportTest {
    private static final String BASELINE = "7c1d2e3f-0000-4000-8000-000000000001";
    private static final String CANDIDATE = "7c1d2e3f-0000-4000-8000-000000000002";

    @TempDir
    Path dir;

    private CannedCoordinator coordinator;
    private String compare;

    @BeforeEach
    void start() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("compare.json")) {
            compare = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        coordinator = new CannedCoordinator()
                .on("/api/v1/compare", exchange -> Reply.json(200, compare))
                .on("/api/v1/runs", exchange -> {
                    String query = String.valueOf(exchange.getRequestURI().getRawQuery());
                    if (exchange.getRequestURI().getPath().endsWith("/export")) {
                        return query.contains("format=html")
                                ? Reply.json(400, """
                                        {"type": "/problems/invalid-input", "title": "Invalid input", "status": 400,
                                         "detail": "format must be one of csv, junit, hlog, was \\"html\\"",
                                         "field": "format", "errors": [{"field": "format",
                                         "message": "must be one of csv, junit, hlog, was \\"html\\""}]}""")
                                : new Reply(
                                        200,
                                        "text/csv; charset=utf-8",
                                        Map.of(
                                                "Content-Disposition",
                                                "attachment; filename=\"loadlab-run-" + CANDIDATE + ".csv\""),
                                        "kind,index\r\nstep,0\r\n");
                    }
                    // Newest first: the candidate itself carries the label too.
                    return query.contains("label=branch%3Amain")
                            ? Reply.json(
                                    200,
                                    "{\"runs\": [{\"id\": \"" + CANDIDATE + "\"}, {\"id\": \"" + BASELINE
                                            + "\"}], \"nextCursor\": null}")
                            : Reply.json(200, "{\"runs\": [], \"nextCursor\": null}");
                });
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    @Test
    void aRegressedStepExits1AndTheQueryCarriesBothRunsAndTheMinimumEffect() {
        Result result = coordinator.cli("compare", BASELINE, CANDIDATE, "--min-effect", "0.1");
        assertThat(result.code()).as(result.err()).isEqualTo(ExitCode.REGRESSED);
        assertThat(result.out())
                .contains("baseline req/s", "regressed", "correction: Holm")
                .contains("verdict: 1 step regressed");
        assertThat(coordinator.requests)
                .containsExactly(
                        "GET /api/v1/compare?baseline=" + BASELINE + "&candidate=" + CANDIDATE + "&minEffect=0.1");
    }

    @Test
    void aLabelledBaselineIsTheNewestSucceededRunWithTheLabelOtherThanTheCandidate() {
        Result result = coordinator.cli("compare", "--baseline", "label:branch=main", CANDIDATE, "--format", "json");
        assertThat(result.code()).as(result.err()).isEqualTo(ExitCode.REGRESSED);
        assertThat(result.out()).startsWith("{").contains("\"correction\" : \"Holm");
        assertThat(coordinator.requests)
                .containsExactly(
                        "GET /api/v1/runs?label=branch%3Amain&status=SUCCEEDED&limit=2",
                        "GET /api/v1/compare?baseline=" + BASELINE + "&candidate=" + CANDIDATE);
    }

    @Test
    void noRunWithTheLabelExits4NamingTheLabel() {
        Result result = coordinator.cli("compare", "--baseline", "label:branch=nope", CANDIDATE);
        assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err())
                .contains("--baseline label:branch=nope: no succeeded run carries the label branch:nope")
                .contains("--label branch:nope");
    }

    @Test
    void runWithABaselineThatNoRunCarriesStartsNothing() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.json"), "{\"name\": \"s\"}");
        Result result = coordinator.cli("run", scenario.toString(), "--baseline", "label:branch=nope");
        assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err()).contains("no succeeded run carries the label branch:nope");
        assertThat(coordinator.requests).noneMatch(r -> r.startsWith("POST"));
    }

    @Test
    void badArgumentsExit4BeforeAnyCall() {
        Result one = coordinator.cli("compare", BASELINE);
        assertThat(one.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(one.err()).contains("compare: name two runs, BASELINE and CANDIDATE");
        Result two = coordinator.cli("compare", "--baseline", "label:branch=main", BASELINE, CANDIDATE);
        assertThat(two.err()).contains("with --baseline name only the CANDIDATE");
        Result effect = coordinator.cli("compare", BASELINE, CANDIDATE, "--min-effect", "5");
        assertThat(effect.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(effect.err()).contains("--min-effect: expected a share of the baseline from 0 to below 1");
        Result selector = coordinator.cli("compare", "--baseline", "main", CANDIDATE);
        assertThat(selector.err()).contains("--baseline: expected label:KEY=VALUE or a run id, was 'main'");
        Result format = coordinator.cli("compare", BASELINE, CANDIDATE, "--format", "xml");
        assertThat(format.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(format.err()).contains("--format", "xml");
        assertThat(coordinator.requests).isEmpty();
    }

    @Test
    void anExportIsWrittenToTheFileOrToStdoutAsTheCoordinatorSentIt() throws IOException {
        Path file = dir.resolve("run.csv");
        Result written = coordinator.cli("export", CANDIDATE, "--format", "csv", "-o", file.toString());
        assertThat(written.code()).as(written.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo("kind,index\r\nstep,0\r\n");
        assertThat(written.out()).contains("wrote " + file + " (20 bytes, text/csv");

        Result stdout = coordinator.cli("export", CANDIDATE, "--format", "csv", "-o", "-");
        assertThat(stdout.code()).isZero();
        assertThat(stdout.out()).isEqualTo("kind,index\r\nstep,0\r\n");
        assertThat(coordinator.requests).contains("GET /api/v1/runs/" + CANDIDATE + "/export?format=csv");
    }

    @Test
    void aFormatTheCoordinatorDoesNotKnowIsReportedInItsWords() {
        // An older coordinator that knows fewer formats than this client, as the fake one here does for html.
        Result result = coordinator.cli("export", CANDIDATE, "--format", "html", "-o", "-");
        assertThat(result.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .contains("GET /api/v1/runs/" + CANDIDATE + "/export: 400 Invalid input: format must be one of csv,"
                        + " junit, hlog, was \"html\" (field format)")
                .contains("this coordinator does not export --format html");
    }

    @Test
    void theFileNameComesFromContentDispositionWithoutAnyDirectory() {
        assertThat(ApiClient.fileName("attachment; filename=\"loadlab-run-1.csv\""))
                .isEqualTo("loadlab-run-1.csv");
        assertThat(ApiClient.fileName("attachment; FILENAME=run.hlog")).isEqualTo("run.hlog");
        assertThat(ApiClient.fileName("attachment; filename=\"../../etc/passwd\""))
                .isEqualTo("passwd");
        assertThat(ApiClient.fileName("attachment; filename=\"..\"")).isNull();
        assertThat(ApiClient.fileName("attachment")).isNull();
        assertThat(ApiClient.fileName(null)).isNull();
    }
}
