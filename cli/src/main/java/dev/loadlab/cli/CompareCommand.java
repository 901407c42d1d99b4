package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loadlab compare A B}: {@code GET /api/v1/compare?baseline=A&candidate=B} printed per step, and exit 1 when
 * a step's throughput regressed. The baseline may instead be {@code --baseline label:KEY=VALUE} (see {@link
 * BaselineSelector}). Mutable (picocli fills it), used once.
 */
@Command(
        name = "compare",
        description = {
            "Compares two runs step by step: per step both runs' req/s and p99, the effect on throughput (candidate /"
                    + " baseline - 1) with its 95 %% CI, the test's samples, the p-value adjusted by the API's"
                    + " multiple-testing correction, and the verdict; then the method and correction in the API's words.",
            "  loadlab compare BASELINE_ID CANDIDATE_ID",
            "  loadlab compare --baseline label:branch=main CANDIDATE_ID --format markdown"
        },
        exitCodeList = {
            "0:no step regressed",
            "1:a step's throughput regressed",
            "4:bad input (flags, an unknown run, no run with the baseline's label) or the coordinator cannot be reached"
        })
final class CompareCommand extends ApiCommand {
    enum Format {
        table,
        markdown,
        json
    }

    @Mixin
    BaselineOptions baseline = new BaselineOptions();

    @Parameters(
            paramLabel = "RUN",
            arity = "1..2",
            description = "BASELINE CANDIDATE: two run ids; with --baseline only the CANDIDATE.")
    List<String> runs = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; json is the API's answer as it is).")
    Format format;

    @Override
    int execute() throws Exception {
        BaselineSelector selector = baseline.selector();
        baseline.minEffect();
        if (selector == null && runs.size() != 2) {
            throw new CliException("compare: name two runs, BASELINE and CANDIDATE, or --baseline"
                    + " label:KEY=VALUE and the CANDIDATE; got " + runs.size() + " run(s)");
        }
        if (selector != null && runs.size() != 1) {
            throw new CliException("compare: with --baseline name only the CANDIDATE run; got " + runs.size()
                    + " runs: " + String.join(" ", runs));
        }
        String candidate = runs.getLast();
        String baselineId = selector == null ? runs.getFirst() : selector.resolve(api(), candidate);
        JsonNode report = baseline.compare(api(), baselineId, candidate);
        Output output = output();
        switch (format) {
            case json ->
                output.println(Json.lenient().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            case markdown -> {
                output.out().print(ComparisonReport.markdown(report, api().baseUrl()));
                output.out().flush();
            }
            case table -> ComparisonReport.print(report, output);
        }
        return ComparisonReport.regressed(report) ? ExitCode.REGRESSED : ExitCode.PASSED;
    }
}
