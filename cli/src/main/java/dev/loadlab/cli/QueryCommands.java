package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that read or act on what the coordinator holds: {@code watch}, {@code ls}, {@code show}, {@code
 * cancel}, {@code scenarios} and {@code agents}. Each is one REST call (watch: a poll) and a table. Mutable (picocli
 * fills them), each used once.
 */
final class QueryCommands {
    private QueryCommands() {}

    @Command(
            name = "watch",
            description = {
                "Attaches to a run and follows it to its end, with the same output and exit codes as run.",
                RunWatcher.CTRL_C_HELP
            },
            exitCodeList = {ExitCode.HELP_0, ExitCode.HELP_1, ExitCode.HELP_2, ExitCode.HELP_3, ExitCode.HELP_4})
    static final class Watch extends ApiCommand {
        @Mixin
        ResultOptions result = new ResultOptions();

        @Parameters(paramLabel = "ID", description = "The run's id.")
        String id;

        @Override
        int execute() {
            return result.watchAndReport(api(), output(), interrupts(), id);
        }
    }

    @Command(
            name = "ls",
            description = "Lists runs, newest first.",
            exitCodeList = {"0:listed", ExitCode.HELP_4})
    static final class Ls extends ApiCommand {
        @Option(names = "--scenario", paramLabel = "NAME", description = "Only runs of this scenario.")
        String scenario;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                description = "Only runs in this status: QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.")
        String status;

        @Option(
                names = "--verdict",
                paramLabel = "OUTCOME",
                description = "Only runs whose verdict is passed, failed or inconclusive.")
        String verdict;

        @Option(names = "--label", paramLabel = "KEY:VALUE", description = "Only runs with this label (repeatable).")
        List<String> labels = new ArrayList<>();

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "20",
                description = "At most this many runs (1-500, default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int execute() {
            if (limit < 1 || limit > 500) {
                throw new CliException("--limit must be between 1 and 500, got " + limit);
            }
            Map<String, List<String>> query = new LinkedHashMap<>();
            query.put("scenario", single(scenario));
            query.put("status", single(status == null ? null : status.toUpperCase(Locale.ROOT)));
            query.put("verdict", single(verdict));
            query.put("label", labels);
            query.put("limit", List.of(String.valueOf(limit)));
            JsonNode page = api().get("/api/v1/runs" + ApiClient.query(query));
            Table table = new Table("id", "scenario", "status", "verdict", "submitted", "labels");
            for (JsonNode run : page.path("runs")) {
                List<String> labels = new ArrayList<>();
                run.path("labels")
                        .properties()
                        .forEach(e -> labels.add(e.getKey() + ":" + e.getValue().asText()));
                table.row(
                        run.path("id").asText(),
                        run.path("name").asText(),
                        run.path("status").asText(),
                        run.path("verdict").isNull()
                                ? null
                                : run.path("verdict").asText(null),
                        run.path("submittedAt").asText(null),
                        String.join(",", labels));
            }
            Output output = output();
            if (table.isEmpty()) {
                output.println("no runs");
            } else {
                table.lines(3, v -> v.isBlank() || v.trim().equals("-") ? v : output.outcome(v.trim(), v))
                        .forEach(output::println);
            }
            return ExitCode.PASSED;
        }

        private static List<String> single(String value) {
            return value == null ? List.of() : List.of(value);
        }
    }

    @Command(
            name = "show",
            description = "Shows a run: its status, results table, verdict and dashboard link.",
            exitCodeList = {"0:shown", ExitCode.HELP_4})
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The run's id.")
        String id;

        @Option(names = "--json", description = "Print the run as the API returned it.")
        boolean json;

        @Override
        int execute() throws Exception {
            ApiClient api = api();
            JsonNode run = api.get("/api/v1/runs/" + id);
            Output output = output();
            if (json) {
                output.println(Json.lenient().writerWithDefaultPrettyPrinter().writeValueAsString(run));
                return ExitCode.PASSED;
            }
            output.println(output.bold(run.path("name").asText()) + "  run "
                    + run.path("id").asText() + "  " + run.path("status").asText() + "  submitted "
                    + run.path("submittedAt").asText("-"));
            String status = run.path("status").asText();
            if (status.equals("QUEUED") || status.equals("RUNNING")) {
                output.println(RunWatcher.line(run, run.path("none")));
            }
            ResultOptions.print(run, api.baseUrl(), output);
            return ExitCode.PASSED;
        }
    }

    @Command(
            name = "cancel",
            description = "Cancels a queued or running run; what was measured is kept.",
            exitCodeList = {"0:cancelled or cancelling", ExitCode.HELP_4})
    static final class Cancel extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The run's id.")
        String id;

        @Override
        int execute() {
            JsonNode reply = api().post("/api/v1/runs/" + id + "/cancel", null, null);
            output().println("run " + id + ": " + reply.path("status").asText("cancel requested"));
            return ExitCode.PASSED;
        }
    }

    @Command(
            name = "scenarios",
            description = "Lists the saved and built-in scenarios (run one with: run --scenario NAME).",
            exitCodeList = {"0:listed", ExitCode.HELP_4})
    static final class Scenarios extends ApiCommand {
        @Override
        int execute() {
            JsonNode reply = api().get("/api/v1/scenarios");
            Table table = new Table("name", "version", "built-in", "created", "target");
            for (JsonNode saved : reply.path("scenarios")) {
                table.row(
                        saved.path("name").asText(),
                        saved.path("version").asInt(),
                        saved.path("builtIn").asBoolean() ? "yes" : "no",
                        saved.path("createdAt").asText(null),
                        saved.path("scenario").path("target").path("baseUrl").asText(null));
            }
            print(table, "no saved scenarios", output());
            return ExitCode.PASSED;
        }
    }

    @Command(
            name = "agents",
            description = "Lists the agents that joined the coordinator, with their state.",
            exitCodeList = {"0:listed", ExitCode.HELP_4})
    static final class Agents extends ApiCommand {
        @Override
        int execute() {
            JsonNode reply = api().get("/api/v1/agents");
            Table table = new Table("id", "host", "cores", "version", "state", "since", "reason");
            for (JsonNode agent : reply) {
                table.row(
                        agent.path("id").asText(),
                        agent.path("host").asText(null),
                        agent.path("cores").asInt(),
                        agent.path("version").asText(null),
                        agent.path("state").asText(),
                        agent.path("registeredAt").asText(null),
                        agent.path("reason").asText(null));
            }
            print(table, "no agents", output());
            return ExitCode.PASSED;
        }
    }

    private static void print(Table table, String empty, Output output) {
        if (table.isEmpty()) {
            output.println(empty);
        } else {
            table.lines().forEach(output::println);
        }
    }
}
