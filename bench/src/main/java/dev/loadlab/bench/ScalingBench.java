package dev.loadlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.launcher.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The issue-4 evidence: {@code /cpu?ms=5} and {@code /mixed?io=16&cpu=4} across the target host's five profiles at a
 * few worker counts, run through LoadLab itself (coordinator, one agent JVM, the target host JVM with its control
 * API), written into BENCHMARKS.md as requests/s, p99 and the target's own CPU cores per cell.
 */
@Command(
        name = "loadlab bench scaling",
        mixinStandardHelpOptions = true,
        description = "Sweeps the target host's profiles x workers for a CPU-bound and a mixed workload and writes"
                + " the table into BENCHMARKS.md.")
public final class ScalingBench implements Callable<Integer> {
    private static final List<String> PROFILES = List.of("multi-process", "threaded-gil", "threaded", "async", "green");

    @Option(
            names = "--home",
            defaultValue = "${env:LOADLAB_HOME:-.}",
            description = "The LoadLab checkout with built jars.")
    Path home;

    @Option(names = "--out", defaultValue = "BENCHMARKS.md", description = "Markdown file to write the section into.")
    Path out;

    @Option(
            names = "--workers",
            split = ",",
            defaultValue = "1,2,4",
            description = "Worker counts (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(
            names = "--users",
            defaultValue = "32",
            description = "Closed-model users, enough to saturate (default ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--duration",
            defaultValue = "8s",
            description = "Measured window per cell (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", defaultValue = "2s", description = "Warm-up per cell (default ${DEFAULT-VALUE}).")
    String warmup;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScalingBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } finally {
            while (!started.isEmpty()) {
                started.pop().close();
            }
        }
    }

    private int run() throws Exception {
        Path work = Files.createTempDirectory("loadlab-bench");
        LocalStack stack = new LocalStack(new LocalStack.Options(
                home, work.resolve("data"), work, work.resolve("agent"), "bench", 1, line -> {}));
        started.push(stack);
        stack.start();
        Coordinator coordinator = stack.coordinator();
        String app = stack.appUrl();
        String control = stack.controlUrl();
        String token = stack.controlToken();

        StringBuilder section = new StringBuilder();
        section.append("## Target host profiles: CPU-bound and mixed workloads (issue 4)\n\n")
                .append("Command: `./loadlab bench scaling` (")
                .append(users)
                .append(" closed-model users, ")
                .append(warmup)
                .append(" warm-up, ")
                .append(duration)
                .append(" measured per cell). Measured ")
                .append(LocalDate.now())
                .append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(Runtime.version().feature())
                .append(". The generator (one agent JVM) shares the machine with"
                        + " the target, so cells where the target could use every core are generator-bound too:"
                        + " read cores as the target's own accounting, and req/s as a lower bound.\n\n")
                .append("Each cell: requests/s (measured window) · p99 latency (Gatling, 1 ms resolution) · target"
                        + " CPU cores (target host's /proc accounting over the measured window).\n\n");
        for (String[] workload :
                List.of(new String[] {"cpu", "/cpu?ms=5"}, new String[] {"mixed", "/mixed?io=16&cpu=4"})) {
            apiToken = coordinator.apiToken();
            JsonNode run = sweep(coordinator.httpUrl(), app, control, token, workload[0], workload[1]);
            section.append(table(workload[1], run)).append('\n');
        }
        writeSection(out, "scaling", section.toString());
        System.out.print(section);
        return 0;
    }

    /** The coordinator's REST API token, once it runs. */
    private String apiToken;

    private JsonNode sweep(String api, String app, String control, String token, String name, String path)
            throws Exception {
        String scenario = """
                {"name": "bench-%s",
                 "target": {"baseUrl": "%s", "control": {"url": "%s", "token": "%s"},
                            "profiles": [%s], "workers": [%s]},
                 "workload": {"requests": [{"name": "%s", "path": "%s"}]},
                 "load": {"model": "closed", "users": %d, "warmup": "%s", "duration": "%s"}}
                """.formatted(
                        name,
                        app,
                        control,
                        token,
                        PROFILES.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", ")),
                        workers.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                        name,
                        path,
                        users,
                        warmup,
                        duration);
        return new BenchApi(api, apiToken)
                .runToEnd(
                        scenario,
                        Duration.ofSeconds(5),
                        run -> System.err.printf(
                                Locale.ROOT,
                                "%s: %d/%d steps done%n",
                                name,
                                run.get("steps").size(),
                                PROFILES.size() * workers.size()));
    }

    private String table(String path, JsonNode run) {
        StringBuilder t = new StringBuilder("### `" + path + "`\n\n| profile |");
        workers.forEach(w -> t.append(" W=").append(w).append(" |"));
        t.append("\n|---|").append("---|".repeat(workers.size())).append('\n');
        for (String profile : PROFILES) {
            t.append("| `").append(profile).append("` |");
            for (int w : workers) {
                JsonNode step = find(run, profile, w);
                t.append(
                        step == null
                                ? " — |"
                                : String.format(
                                        Locale.ROOT,
                                        " %.0f req/s · p99 %d ms · %.2f cores |",
                                        step.get("throughputRps").asDouble(),
                                        step.get("latencyMs").get("p99").asLong(),
                                        step.path("targetCpuCores").asDouble()));
            }
            t.append('\n');
        }
        JsonNode gil = find(run, "threaded-gil", workers.get(0));
        JsonNode free = find(run, "threaded", workers.get(0));
        if (gil != null && free != null) {
            double cost = 1
                    - gil.get("throughputRps").asDouble()
                            / free.get("throughputRps").asDouble();
            t.append(String.format(
                    Locale.ROOT,
                    "%nSingle-worker cost of the lock (threaded-gil vs threaded at W=%d,"
                            + " same run): %.1f%% fewer requests/s.%n",
                    workers.get(0),
                    cost * 100));
        }
        return t.toString();
    }

    private static JsonNode find(JsonNode run, String profile, int workers) {
        for (JsonNode step : run.get("steps")) {
            if (profile.equals(step.path("profile").asText())
                    && step.path("workers").asInt() == workers) {
                return step;
            }
        }
        return null;
    }

    /** Replaces (or appends) the section between this bench's markers in {@code out}, keeping the rest. */
    static void writeSection(Path out, String name, String section) throws Exception {
        String begin = "<!-- bench:" + name + ":begin -->";
        String end = "<!-- bench:" + name + ":end -->";
        String existing = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n\n";
        String block = begin + "\n" + section + end;
        int from = existing.indexOf(begin);
        int to = existing.indexOf(end);
        String updated = from >= 0 && to > from
                ? existing.substring(0, from) + block + existing.substring(to + end.length())
                : existing + (existing.endsWith("\n\n") ? "" : "\n") + block + "\n";
        Files.writeString(out, updated);
    }
}
