package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code run} and {@code watch} report a run that ended: the results table and verdict (or only the Markdown
 * summary), and the files CI keeps. Mutable (picocli fills it), used from one thread.
 */
final class ResultOptions {
    enum Summary {
        markdown
    }

    @Option(
            names = {"-q", "--quiet"},
            description = "Print no progress, only the final result.")
    boolean quiet;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description = "Write a JUnit XML report: one testcase per step, a failure where a step broke the SLO.")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the run as the API returned it.")
    Path json;

    @Option(
            names = "--summary",
            paramLabel = "FORMAT",
            description = "Print only the result, as ${COMPLETION-CANDIDATES} (a table fit for a pull-request comment):"
                    + " no progress, no plain table, so stdout is the comment.")
    Summary summary;

    /** No progress: asked for, or stdout is to hold only the summary. */
    boolean quiet() {
        return quiet || summary != null;
    }

    /** Follows the run to its end, reports it and returns the exit code its status and verdict give. */
    int watchAndReport(ApiClient api, Output output, Interrupts interrupts, String runId) {
        JsonNode run = watch(api, output, interrupts, runId);
        report(run, api.baseUrl(), output);
        writeFiles(run);
        return ExitCode.of(run);
    }

    /** Follows the run to its end and returns it; nothing printed beyond the progress. */
    JsonNode watch(ApiClient api, Output output, Interrupts interrupts, String runId) {
        return new RunWatcher(api, output, quiet(), interrupts).follow(runId);
    }

    void report(JsonNode run, String baseUrl, Output output) {
        if (summary == Summary.markdown) {
            output.out().print(RunReport.markdown(run, baseUrl));
            output.out().flush();
            return;
        }
        print(run, baseUrl, output);
    }

    /** The results table, the verdict and the dashboard link, coloured on a terminal. */
    static void print(JsonNode run, String baseUrl, Output output) {
        Table steps = RunReport.steps(run);
        if (!steps.isEmpty()) {
            steps.lines(
                            8,
                            flags -> flags.contains("SLO failed")
                                    ? output.red(flags)
                                    : flags.isBlank() || flags.trim().equals("SLO passed")
                                            ? flags
                                            : output.yellow(flags))
                    .forEach(output::println);
        }
        String outcome = RunReport.outcome(run);
        var verdict = RunReport.verdict(run);
        output.println(output.outcome(outcome, output.bold(verdict.getFirst())));
        verdict.subList(1, verdict.size()).forEach(output::println);
        output.println(
                "dashboard: " + RunReport.dashboardLink(baseUrl, run.path("id").asText()));
    }

    void writeFiles(JsonNode run) {
        if (junit != null) {
            JUnitReport.write(run, junit);
        }
        if (json != null) {
            try {
                Files.writeString(
                        json, Json.lenient().writerWithDefaultPrettyPrinter().writeValueAsString(run));
            } catch (IOException e) {
                throw new CliException("cannot write " + json + ": " + e.getMessage());
            }
        }
    }
}
