package dev.loadlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.launcher.ChildJvm;
import dev.loadlab.coordinator.launcher.LocalStack;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 12's evidence that LoadLab's agent is a fair load generator: cell by cell (nginx with one worker; the real
 * Python command profiles; the target host's built-in profiles at W = 1, 2 on {@code /cpu} and {@code /mixed}), and
 * interleaved (LoadLab, wrk, plain Gatling, seconds apart, the order reversed every other round so drift hits all
 * alike), the same closed load of N keep-alive connections from LoadLab through the product (coordinator and one agent
 * JVM via {@link LocalStack}), from {@code wrk -t1 -cN} and from a plain Gatling simulation with the agent's Gatling
 * and JVM flags. Writes requests/s, p50, p99, the server's cores, per-worker shares and the ratios, with the issue's
 * bounds computed from the medians, into BENCHMARKS.md.
 */
@Command(
        name = "loadlab bench generator",
        mixinStandardHelpOptions = true,
        description = "LoadLab's agent beside wrk and plain Gatling, cell by cell and interleaved; writes its section"
                + " of BENCHMARKS.md.")
public final class GeneratorBench implements Callable<Integer> {
    static final List<String> BUILT_IN = List.of("multi-process", "threaded-gil", "threaded", "async", "green");
    static final List<String> PYTHON = List.of("gunicorn-sync", "gunicorn-gthread", "uvicorn", "gevent");
    /** The built-in gil-cpu and gil-mixed scenarios' paths. */
    static final List<String> PATHS = List.of("/cpu?ms=5", "/mixed?io=16&cpu=4");

    private static final Pattern TARGET_READY = Pattern.compile("ready: (http://\\S+)");
    private static final Pattern CONTROL_READY = Pattern.compile("control: (http://\\S+)");
    private static final String APPLIED_ENV = "LOADLAB_BENCH_CLIENT_PROPERTIES";

    @Option(names = "--home", defaultValue = "${env:LOADLAB_HOME:-.}", description = "The LoadLab checkout.")
    Path home;

    @Option(names = "--out", defaultValue = "BENCHMARKS.md", description = "Markdown file to write the section into.")
    Path out;

    @Option(
            names = "--cells",
            split = ",",
            defaultValue = "nginx,python,builtin",
            description = "Which cells: nginx, python, builtin (default ${DEFAULT-VALUE}).")
    List<String> cells;

    @Option(names = "--seconds", defaultValue = "8", description = "Measured seconds per client (default 8).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per client (default 3).")
    int warmup;

    @Option(
            names = "--gatling-warmup",
            defaultValue = "13",
            description = "Warm-up seconds of each plain Gatling JVM, new for every measurement where the agent's JVM"
                    + " has run every earlier step (default ${DEFAULT-VALUE}).")
    int gatlingWarmup;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds per cell (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--workers",
            split = ",",
            defaultValue = "1,2",
            description = "W of the target host cells (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(
            names = "--connections",
            defaultValue = "32",
            description = "Connections (= LoadLab users) on the target host cells (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--nginx-connections",
            defaultValue = "64",
            description = "Connections on the nginx cell (default ${DEFAULT-VALUE}).")
    int nginxConnections;

    @Option(
            names = "--profiles-file",
            description = "The real Python command profiles (default: target-app/python/profiles.properties).")
    Path profilesFile;

    @Option(names = "--limit", description = "Measure only the first N cells (a smoke run).")
    Integer limit;

    @Option(names = "--pause", defaultValue = "2", description = "Seconds between two clients (default 2).")
    int pause;

    @Option(
            names = "--client-property",
            description = "KEY=VALUE, repeatable: a system property for both Gatling JVMs (the agent and plain"
                    + " Gatling), e.g. gatling.netty.useIoUring=true or io.netty.eventLoopThreads=1.")
    Map<String, String> clientProperties = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        GeneratorBench bench = new GeneratorBench();
        CommandLine line = new CommandLine(bench);
        CommandLine.ParseResult parsed;
        try {
            parsed = line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.exit(line.execute(args));
            return;
        }
        if (!parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested() && !bench.propertiesApplied()) {
            System.exit(bench.relaunch(args));
        }
        System.exit(line.execute(args));
    }

    /**
     * The agent JVM is started by {@link LocalStack} with fixed flags, but inherits this process's environment: so
     * client properties reach it (and the plain Gatling JVM) through {@code JAVA_TOOL_OPTIONS}, which only a new
     * process can be given. True when there are none or this process already runs with them.
     */
    private boolean propertiesApplied() {
        return clientProperties.isEmpty() || clientOptions().equals(System.getenv(APPLIED_ENV));
    }

    private String clientOptions() {
        return clientProperties.entrySet().stream()
                .map(e -> {
                    if ((e.getKey() + e.getValue()).chars().anyMatch(Character::isWhitespace)) {
                        throw new IllegalArgumentException(
                                "--client-property " + e.getKey() + " must hold no spaces (JAVA_TOOL_OPTIONS)");
                    }
                    return "-D" + e.getKey() + "=" + e.getValue();
                })
                .collect(Collectors.joining(" "));
    }

    private int relaunch(String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GeneratorBench.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        String existing = System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "");
        builder.environment().put("JAVA_TOOL_OPTIONS", (existing + " " + clientOptions()).strip());
        builder.environment().put(APPLIED_ENV, clientOptions());
        System.err.println("client properties " + clientOptions() + ": restarting the bench with them in"
                + " JAVA_TOOL_OPTIONS, so the agent JVM inherits them");
        return builder.start().waitFor();
    }

    @Override
    public Integer call() throws Exception {
        for (String cell : cells) {
            if (!List.of("nginx", "python", "builtin").contains(cell)) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--cells must list nginx, python or builtin, was '" + cell + "'");
            }
        }
        if (seconds < 1
                || seconds > 600
                || warmup < 0
                || warmup > 600
                || gatlingWarmup < 0
                || gatlingWarmup > 600
                || rounds < 1
                || rounds > 20) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--seconds must be 1..600 (was " + seconds + "), --warmup 0..600 (was " + warmup
                            + "), --gatling-warmup 0..600 (was " + gatlingWarmup + "), --rounds 1..20 (was " + rounds
                            + ")");
        }
        if (!Packages.ensure("wrk", "wrk")) {
            return 2;
        }
        if (cells.contains("nginx") && !Packages.ensure("nginx", "nginx-light")) {
            return 2;
        }
        Path work = Files.createTempDirectory("loadlab-bench-generator");
        Path profiles = profilesFile != null ? profilesFile : home.resolve("target-app/python/profiles.properties");
        boolean python = cells.contains("python");
        if (python && !Files.isRegularFile(profiles)) {
            System.out.println("python cells skipped: " + profiles + " is missing (the real Python command"
                    + " profiles; give another with --profiles-file)");
            python = false;
        }
        try (LocalStack stack = new LocalStack(new LocalStack.Options(
                        home, work.resolve("data"), work, work.resolve("agent"), "generator", 1, line -> {}))
                .start()) {
            Coordinator coordinator = stack.coordinator();
            BenchApi api = new BenchApi(coordinator.httpUrl(), coordinator.apiToken());
            ChildJvm ownHost = null;
            try {
                String appUrl = stack.appUrl();
                HostControl host = new HostControl(stack.controlUrl(), stack.controlToken());
                if (python) {
                    // LocalStack's host has no profiles file; this one runs the Python command profiles too.
                    String token = UUID.randomUUID().toString();
                    ownHost = ChildJvm.start(
                            "python-target",
                            home.toAbsolutePath().resolve("target-app/target/loadlab-target-app.jar"),
                            work,
                            List.of(
                                    "--port",
                                    "0",
                                    "--control-port",
                                    "0",
                                    "--control-token",
                                    token,
                                    "--workers",
                                    "1",
                                    "--profiles-file",
                                    profiles.toAbsolutePath().toString()));
                    appUrl = ownHost.awaitLine(TARGET_READY, Duration.ofSeconds(90));
                    host = new HostControl(ownHost.awaitLine(CONTROL_READY, Duration.ofSeconds(90)), token);
                }
                List<GeneratorCell> plan = plan(python, host);
                if (limit != null && plan.size() > limit) {
                    plan = plan.subList(0, limit);
                }
                GeneratorRunner runner = new GeneratorRunner(
                        api, host, appUrl, home, work, warmup, gatlingWarmup, seconds, pause, clientProperties);
                Map<GeneratorCell, Map<String, List<Measured>>> results = new LinkedHashMap<>();
                for (GeneratorCell cell : plan) {
                    results.put(cell, runner.measure(cell, rounds));
                }
                String section = new GeneratorReport(results, header()).markdown();
                ScalingBench.writeSection(out, "generator", section);
                System.out.print(section);
            } finally {
                if (ownHost != null) {
                    ownHost.close();
                }
            }
        }
        return 0;
    }

    private List<GeneratorCell> plan(boolean python, HostControl host) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<GeneratorCell> plan = new ArrayList<>();
        if (cells.contains("nginx")) {
            plan.add(new GeneratorCell("nginx", null, 1, "/", nginxConnections, 1));
        }
        if (python) {
            var known = host.profiles();
            for (String profile : PYTHON) {
                if (!known.contains(profile)) {
                    System.out.println("python cell " + profile + " skipped: the profiles file has no such profile");
                    continue;
                }
                for (String path : PATHS) {
                    for (int w : workers) {
                        double capacity = profile.equals("gunicorn-gthread") ? 1 : Math.min(w, cores);
                        plan.add(new GeneratorCell("python", profile, w, path, connections, capacity));
                    }
                }
            }
        }
        if (cells.contains("builtin")) {
            for (String profile : BUILT_IN) {
                for (String path : PATHS) {
                    for (int w : workers) {
                        double capacity = profile.equals("threaded-gil") ? 1 : Math.min(w, cores);
                        plan.add(new GeneratorCell("builtin", profile, w, path, connections, capacity));
                    }
                }
            }
        }
        return plan;
    }

    private String header() {
        return "Command: `./loadlab bench generator --seconds " + seconds + " --warmup " + warmup + " --gatling-warmup "
                + gatlingWarmup + " --rounds "
                + rounds + " --cells " + String.join(",", cells)
                + (limit == null ? "" : " --limit " + limit)
                + clientProperties.entrySet().stream()
                        .map(e -> " --client-property " + e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining())
                + "`. Measured " + Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC on "
                + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), Java "
                + Runtime.version().feature() + ", everything on one machine.";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    static void pause(int seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(seconds);
    }

    static JsonNode firstStep(JsonNode run) {
        return run.path("steps").get(0);
    }
}
