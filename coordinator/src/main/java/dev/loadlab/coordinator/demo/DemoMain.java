package dev.loadlab.coordinator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadlab demo}: starts every part on this machine, runs the built-in scenario through the REST API, prints the
 * results table and where the data lives, and stops everything it started, also on Ctrl-C.
 */
@Command(
        name = "loadlab demo",
        mixinStandardHelpOptions = true,
        description = "Runs LoadLab end to end on this machine: embedded PostgreSQL, coordinator, one agent (own JVM),"
                + " the target app (own JVM), the built-in mixed-80-20 scenario, and its results table.")
public final class DemoMain implements Callable<Integer> {
    private static final Pattern TARGET_READY = Pattern.compile("ready: (http://\\S+)");
    private static final Pattern AGENT_READY = Pattern.compile("loadlab-agent ready: .*");

    @Option(
            names = "--data-dir",
            defaultValue = "${env:LOADLAB_DATA_DIR:-loadlab-data}",
            description =
                    "Where the embedded PostgreSQL keeps the results (env LOADLAB_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--home",
            defaultValue = "${env:LOADLAB_HOME:-.}",
            description =
                    "The LoadLab checkout holding the built jars (env LOADLAB_HOME, default the current directory).")
    Path home;

    @Option(names = "--users", defaultValue = "32", description = "Closed-model users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--duration", defaultValue = "10s", description = "Measured window (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(
            names = "--warmup",
            defaultValue = "2s",
            description = "Warm-up, sent but not counted (default ${DEFAULT-VALUE}).")
    String warmup;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Thread stopper = new Thread(this::stopAll, "loadlab-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return run();
        } finally {
            stopAll();
        }
    }

    private int run() throws Exception {
        Path data = dataDir.toAbsolutePath().normalize();
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        String cluster = "demo-" + UUID.randomUUID().toString().substring(0, 8);

        say("starting the target app (own JVM, 64 threads) ...");
        ChildJvm target = track(ChildJvm.start(
                "target",
                jar("target-app", "loadlab-target-app.jar"),
                logs,
                List.of("--port", "0", "--workers", "64")));
        String targetUrl = target.awaitLine(TARGET_READY, Duration.ofSeconds(60));
        say("target ready at " + targetUrl + " (pid " + target.pid() + ")");

        say("starting the coordinator with an embedded PostgreSQL in " + data.resolve("postgres") + " ...");
        Coordinator coordinator = track(Coordinator.start(CoordinatorConfig.local(data, cluster)));

        say("starting an agent (own JVM) joining " + coordinator.clusterAddress() + " ...");
        // Stopped last: after the coordinator, so it waits for a coordinator instead of being torn away mid-cluster.
        ChildJvm agent = trackLast(ChildJvm.start(
                "agent",
                jar("agent", "loadlab-agent-app.jar"),
                logs,
                List.of(
                        "--id",
                        "demo-agent-1",
                        "--join",
                        coordinator.clusterAddress(),
                        "--cluster-name",
                        cluster,
                        "--work-dir",
                        data.resolve("agent").toString())));
        agent.awaitLine(AGENT_READY, Duration.ofSeconds(90));
        say("agent demo-agent-1 registered (pid " + agent.pid() + ")");

        String api = coordinator.httpUrl();
        String scenario = """
                {"name": "mixed-80-20",
                 "target": {"baseUrl": "%s"},
                 "workload": {"requests": [
                   {"name": "io",  "method": "GET", "path": "/io?ms=20", "weight": 80},
                   {"name": "cpu", "method": "GET", "path": "/cpu?ms=5", "weight": 20}]},
                 "load": {"model": "closed", "users": %d, "warmup": "%s", "duration": "%s"},
                 "agents": 1}""".formatted(targetUrl, users, warmup, duration);
        say("submitting the built-in scenario (80% /io?ms=20, 20% /cpu?ms=5):");
        System.out.println("  POST " + api + "/api/v1/runs");
        HttpResponse<String> submitted = http(HttpRequest.newBuilder(URI.create(api + "/api/v1/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(scenario)));
        if (submitted.statusCode() != 202) {
            System.err.println("the coordinator refused the scenario: " + submitted.body());
            return 1;
        }
        String runId = Json.lenient().readTree(submitted.body()).get("id").asText();
        JsonNode run = follow(api, runId);

        System.out.println();
        System.out.print(ResultsTable.format(run));
        System.out.println();
        System.out.println("Data: " + coordinator.databaseDescription() + " (kept between runs)");
        System.out.println("Logs: " + logs);
        System.out.println("Read this run back later:");
        System.out.println("  ./loadlab coordinator --data-dir " + dataDir + " &");
        System.out.println("  curl -s http://127.0.0.1:7070/api/v1/runs/" + runId);
        return run.get("status").asText().equals("SUCCEEDED") ? 0 : 1;
    }

    /** Prints progress once a second until the run is final; returns the final run. */
    private JsonNode follow(String api, String runId) throws Exception {
        String last = "";
        while (true) {
            JsonNode run = Json.lenient()
                    .readTree(http(HttpRequest.newBuilder(URI.create(api + "/api/v1/runs/" + runId))
                                    .GET())
                            .body());
            String status = run.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return run;
            }
            JsonNode p = run.get("progress");
            String line = p == null
                    ? "  " + status.toLowerCase(Locale.ROOT) + " ..."
                    : String.format(
                            Locale.ROOT,
                            "  %s %4.1f / %.0f s  %7d responses  %d errors",
                            p.get("warmingUp").asBoolean() ? "warming up" : "measuring ",
                            p.get("elapsedSeconds").asDouble(),
                            p.get("plannedSeconds").asDouble(),
                            p.get("requests").asLong(),
                            p.get("errors").asLong());
            if (!line.equals(last)) {
                System.out.println(line);
                last = line;
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private Path jar(String module, String name) {
        Path jar = home.toAbsolutePath().resolve(module).resolve("target").resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./loadlab build");
        }
        return jar;
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient()
                .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private <T extends AutoCloseable> T track(T part) {
        synchronized (started) {
            started.push(part);
        }
        return part;
    }

    private <T extends AutoCloseable> T trackLast(T part) {
        synchronized (started) {
            started.addLast(part);
        }
        return part;
    }

    private void stopAll() {
        while (true) {
            AutoCloseable part;
            synchronized (started) {
                part = started.poll();
            }
            if (part == null) {
                return;
            }
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("could not stop a part cleanly: " + e);
            }
        }
    }

    private static void say(String what) {
        System.out.println("demo: " + what);
    }
}
