package dev.loadlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.launcher.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The issue-13 evidence: whether a freshly started stack measures the same as a warm one. Each round starts a fresh
 * stack (coordinator, target host, one agent JVM) and runs the scenario ({@code threaded}, W = 2, {@code
 * /cpu?ms=5}, 16 users, 2 s warm-up, 6 repeats of 5 s) twice, once with the agent's own warm-up off ({@code
 * --warm-up-cap 0}, as agents were before it) and once with it on (the default), alternating which goes first, and
 * reports each run's repeats, their coefficient of variation, any monotone drift and any unsteady step, as LoadLab
 * itself judged them. Written into BENCHMARKS.md.
 */
@Command(
        name = "loadlab bench repeatability",
        mixinStandardHelpOptions = true,
        description = "Fresh stacks with the agent's warm-up off and on, each running the same 6-repeat scenario"
                + " twice; writes the repeats, their CV and any drift into BENCHMARKS.md.")
public final class RepeatabilityBench implements Callable<Integer> {
    private static final String SCENARIO = """
            {"name": "bench-repeatability",
             "target": {"baseUrl": "%s", "control": {"url": "%s", "token": "%s"},
                        "profiles": ["threaded"], "workers": [2]},
             "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=5"}]},
             "load": {"model": "closed", "users": 16, "warmup": "2s", "duration": "5s"},
             "repeats": %d}
            """;

    @Option(
            names = "--home",
            defaultValue = "${env:LOADLAB_HOME:-.}",
            description = "The LoadLab checkout with built jars.")
    Path home;

    @Option(names = "--out", defaultValue = "BENCHMARKS.md", description = "Markdown file to write the section into.")
    Path out;

    @Option(
            names = "--rounds",
            defaultValue = "1",
            description = "Fresh stacks per warm-up setting, alternating (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--repeats", defaultValue = "6", description = "Repeats per run (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--runs",
            defaultValue = "2",
            description = "Runs of the scenario per fresh stack (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--idle-first",
            defaultValue = "0",
            description = "Seconds each fresh stack idles before its first run, to tell a cold agent's step paths"
                    + " from what settles with time alone (default ${DEFAULT-VALUE}).")
    int idleFirst;

    /** One run of the scenario as LoadLab judged it. */
    record Row(
            String warmUp,
            int round,
            int run,
            List<Double> rps,
            List<Double> cores,
            List<Double> agentShare,
            double cv,
            String drift,
            long unsteady) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new RepeatabilityBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || repeats < 3 || runs < 1) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--rounds and --runs must be at least 1 and --repeats at least 3");
        }
        String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(Instant.now().atOffset(ZoneOffset.UTC));
        List<Row> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // Alternate which setting starts on the quieter machine.
            List<Boolean> order = round % 2 == 1 ? List.of(false, true) : List.of(true, false);
            for (boolean warm : order) {
                rows.addAll(freshStack(warm, round));
            }
        }
        String section = section(rows, started);
        ScalingBench.writeSection(out, "repeatability", section);
        System.out.print(section);
        return 0;
    }

    private List<Row> freshStack(boolean warmUp, int round) throws Exception {
        Path work = Files.createTempDirectory("loadlab-bench-repeatability");
        String label = warmUp ? "on" : "off";
        List<String> agentArgs = warmUp ? List.of() : List.of("--warm-up-cap", "0");
        List<Row> rows = new ArrayList<>();
        try (LocalStack stack = new LocalStack(new LocalStack.Options(
                        home, work.resolve("data"), work, work.resolve("agent"), "repeat", 1, line -> {}, null)
                .withAgentArgs(agentArgs))) {
            System.err.printf(Locale.ROOT, "round %d, agent warm-up %s: starting a fresh stack%n", round, label);
            stack.start();
            Coordinator coordinator = stack.coordinator();
            String scenario = SCENARIO.formatted(stack.appUrl(), stack.controlUrl(), stack.controlToken(), repeats);
            Thread.sleep(idleFirst * 1000L); // an experiment's condition, not synchronisation
            for (int run = 1; run <= runs; run++) {
                JsonNode result = new BenchApi(coordinator.httpUrl(), coordinator.apiToken())
                        .runToEnd(scenario, Duration.ofSeconds(5), r -> {});
                Row row = row(label, round, run, result);
                System.err.printf(
                        Locale.ROOT,
                        "round %d, warm-up %s, run %d: %s req/s, target cores %s, agent share %s, CV %.1f %%%s%n",
                        round,
                        label,
                        run,
                        join(row.rps(), "%.0f"),
                        join(row.cores(), "%.2f"),
                        join(row.agentShare(), "%.2f"),
                        row.cv() * 100,
                        row.drift().isEmpty() ? "" : ", " + row.drift());
                rows.add(row);
            }
        }
        return rows;
    }

    private static Row row(String label, int round, int run, JsonNode result) {
        List<Double> rps = StreamSupport.stream(result.get("steps").spliterator(), false)
                .map(step -> step.get("throughputRps").asDouble())
                .toList();
        List<Double> cores = StreamSupport.stream(result.get("steps").spliterator(), false)
                .map(step -> step.path("targetCpuCores").asDouble())
                .toList();
        List<Double> agentShare = StreamSupport.stream(result.get("steps").spliterator(), false)
                .map(step -> step.path("agentCpuShare").asDouble())
                .toList();
        JsonNode point = result.get("series").get(0).get("points").get(0);
        JsonNode repeatability = point.path("repeatability");
        long unsteady = StreamSupport.stream(result.get("steps").spliterator(), false)
                .filter(step -> step.path("steadiness").path("unsteady").asBoolean())
                .count();
        return new Row(
                label,
                round,
                run,
                rps,
                cores,
                agentShare,
                repeatability.path("cv").asDouble(),
                repeatability.path("monotoneDrift").asBoolean() ? "monotone drift" : "",
                unsteady);
    }

    private static String join(List<Double> values, String format) {
        return values.stream().map(v -> String.format(Locale.ROOT, format, v)).collect(Collectors.joining(", "));
    }

    private String section(List<Row> rows, String started) {
        StringBuilder s = new StringBuilder("## Repeatability on a fresh stack (issue 13)\n\n")
                .append("Command: `./loadlab bench repeatability --rounds ")
                .append(rounds)
                .append("`. Measured ")
                .append(started)
                .append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(Runtime.version().feature())
                .append(", everything on one machine.\n\n")
                .append("Each round starts a fresh stack (coordinator, target host, one agent JVM) per agent warm-up"
                        + " setting — off (`--warm-up-cap 0`: a 0.5 s cold-start run only, as agents were before)"
                        + " and on (the default: the agent drives its own loopback server, closing every second"
                        + " connection, until its rate is stable within 3 % or its JIT compiler quiet for 5 s, at most"
                        + " 60 s, then joins, rehearses four short steps and waits for its compiler to go quiet before it"
                        + " says hello) — in alternating order, and runs"
                        + " the same scenario ")
                .append(runs)
                .append(" times on it: `threaded`, W = 2, `GET /cpu?ms=5`, closed model, 16 users, 2 s warm-up, ")
                .append(repeats)
                .append(" repeats of 5 s. Requests/s per repeat as LoadLab stored them; CV = sample standard"
                        + " deviation / mean across the repeats (the run's `series[].points[].repeatability`);"
                        + " target cores = the target host's own CPU accounting per repeat;"
                        + " drift = LoadLab's monotone drift: every repeat above the one before (or below), or from 4"
                        + " repeats a Mann-Kendall trend with p < 0.05, and over 5 % in all;"
                        + " unsteady = steps whose own window drifted (`steps[].steadiness`).\n\n")
                .append("| agent warm-up | round | run on the stack | requests/s over the repeats | target cores |"
                        + " CV | drift | unsteady steps |\n|---|---:|---:|---|---|---:|---|---:|\n");
        for (Row row : rows) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %s | %s | %.1f %% | %s | %d |%n",
                    row.warmUp(),
                    row.round(),
                    row.run(),
                    join(row.rps(), "%.0f"),
                    join(row.cores(), "%.2f"),
                    row.cv() * 100,
                    row.drift().isEmpty() ? "none" : row.drift(),
                    row.unsteady()));
        }
        return s.append('\n').toString();
    }
}
