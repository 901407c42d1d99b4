package dev.loadlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.launcher.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A/B of two agent builds as load generators, interleaved: for each round and each agent jar, a fresh LocalStack (this
 * build's coordinator and target host, that agent jar) runs the same scenario twice (the first run warms the agent's
 * JIT and is discarded), then wrk measures the same target with the same connection count for reference. Prints one
 * line per cell: which agent, LoadLab's requests/s and agent CPU share, wrk's requests/s, and their ratio.
 */
@Command(
        name = "loadlab bench agent-ab",
        mixinStandardHelpOptions = true,
        description = "Compares two agent jars as load generators against one target, side by side with wrk.")
public final class AgentAbBench implements Callable<Integer> {
    @Option(names = "--home", defaultValue = "${env:LOADLAB_HOME:-.}", description = "This LoadLab checkout.")
    Path home;

    @Option(names = "--agent-a", required = true, description = "The first agent jar (e.g. the old build).")
    Path agentA;

    @Option(names = "--agent-b", required = true, description = "The second agent jar (e.g. the new build).")
    Path agentB;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds, each A then B (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--users", defaultValue = "32", description = "Closed-model users = wrk connections.")
    int users;

    @Option(names = "--path", defaultValue = "/hello", description = "The request path (default ${DEFAULT-VALUE}).")
    String path;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentAbBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Path agent : List.of(agentA, agentB)) {
                String line = "round " + round + " " + (agent.equals(agentA) ? "A" : "B") + " " + cell(agent);
                System.out.println(line);
                lines.add(line);
            }
        }
        System.out.println(String.join("\n", lines));
        return 0;
    }

    /** One cell: a stack whose agent is {@code agentJar}, measured by LoadLab (second run) and by wrk. */
    private String cell(Path agentJar) throws Exception {
        Path work = Files.createTempDirectory("loadlab-agent-ab");
        Path cellHome = work.resolve("home");
        // Whole build directories: the jars find their dependencies in lib/ beside them.
        link(cellHome.resolve("agent/target"), agentJar.toAbsolutePath().getParent());
        link(
                cellHome.resolve("target-app/target"),
                home.resolve("target-app/target").toAbsolutePath());
        try (LocalStack stack = new LocalStack(new LocalStack.Options(
                        cellHome, work.resolve("data"), work, work.resolve("agent"), "ab", 1, line -> {}))
                .start()) {
            Coordinator coordinator = stack.coordinator();
            run(coordinator, stack.appUrl());
            JsonNode step = run(coordinator, stack.appUrl());
            double rps = step.path("throughputRps").asDouble();
            double cpu = step.path("agentCpuShare").asDouble(Double.NaN);
            double wrk = wrk(stack.appUrl() + path);
            return String.format(
                            Locale.ROOT,
                            "loadlab %.0f req/s (errors %d, generatorBound %s) wrk %.0f req/s loadlab/wrk %.2f",
                            rps,
                            step.path("errors").asLong(),
                            step.path("generatorBound").asText(),
                            wrk,
                            rps / wrk)
                    + (Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, " agent cpu %.2f", cpu));
        }
    }

    private JsonNode run(Coordinator coordinator, String app) throws Exception {
        String scenario = """
                {"name": "agent-ab", "target": {"baseUrl": "%s"},
                 "workload": {"requests": [{"name": "r", "path": "%s"}]},
                 "load": {"model": "closed", "users": %d, "warmup": "2s", "duration": "8s"}}
                """.formatted(app, path, users);
        return new BenchApi(coordinator.httpUrl(), coordinator.apiToken())
                .runToEnd(scenario, Duration.ofMillis(500), run -> {})
                .path("steps")
                .get(0);
    }

    private double wrk(String url) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + users, "-d8s", url)
                .redirectErrorStream(true)
                .start();
        String out = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith("Requests/sec:")) {
                return Double.parseDouble(
                        line.substring("Requests/sec:".length()).trim());
            }
        }
        throw new IllegalStateException("wrk printed no Requests/sec: " + out);
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }
}
