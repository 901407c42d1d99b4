package dev.loadlab.coordinator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.http.ApiTokenFile;
import dev.loadlab.coordinator.http.DashboardRoutes;
import dev.loadlab.coordinator.launcher.LocalStack;
import dev.loadlab.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadlab demo}: starts every part on this machine (the target host with its control API, the coordinator
 * configured with it, one agent), runs short versions of the built-in scenarios {@code gil-cpu} and {@code gil-mixed}
 * (with {@code --python}: {@code py-gil-cpu} and {@code py-gil-mixed} on the real Python servers, the target host
 * started with the Python twin's profiles file) through the REST API (a merge patch over the saved scenario), prints
 * each one's dashboard link, scaling table and the findings computed from it, says where the data lives and how to see
 * it again, and stops everything it started, also on Ctrl-C.
 */
@Command(
        name = "loadlab demo",
        mixinStandardHelpOptions = true,
        description = "Runs LoadLab end to end on this machine: embedded PostgreSQL, coordinator, one agent (own JVM),"
                + " the target host (own JVM), short versions of the built-in gil-cpu and gil-mixed sweeps over the"
                + " five profiles, their scaling tables and findings; with --python, py-gil-cpu and py-gil-mixed"
                + " over the real Gunicorn (sync, gthread), Uvicorn and Gevent instead.")
public final class DemoMain implements Callable<Integer> {
    static final List<String> SWEEPS = List.of("gil-cpu", "gil-mixed");
    static final List<String> PYTHON_SWEEPS = List.of("py-gil-cpu", "py-gil-mixed");
    /** The Python twin's profiles file, under the LoadLab checkout: the command profiles the py-gil sweeps use. */
    static final Path PYTHON_PROFILES = Path.of("target-app", "python", "profiles.properties");
    /** Where {@code ./loadlab coordinator} listens by default: the demo's own coordinator stops when it ends. */
    private static final String LATER = "http://127.0.0.1:7070";

    @Option(
            names = "--data-dir",
            defaultValue = "${env:LOADLAB_DATA_DIR:-" + CoordinatorConfig.DEFAULT_DATA_DIR + "}",
            description =
                    "Where the embedded PostgreSQL keeps the results (env LOADLAB_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--home",
            defaultValue = "${env:LOADLAB_HOME:-.}",
            description =
                    "The LoadLab checkout holding the built jars (env LOADLAB_HOME, default the current directory).")
    Path home;

    @Option(
            names = "--workers",
            split = ",",
            defaultValue = "1,2",
            description = "Worker counts of the short sweeps (default ${DEFAULT-VALUE}; the built-ins go to 32).")
    List<Integer> workers;

    @Option(
            names = "--duration",
            defaultValue = "2s",
            description = "Measured window per cell of the short sweeps (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(
            names = "--warmup",
            defaultValue = "1s",
            description = "Warm-up per cell of the short sweeps, sent but not counted (default ${DEFAULT-VALUE}).")
    String warmup;

    @Option(
            names = "--full",
            description = "Run the built-in scenarios as saved (W = 1..32, 10 s per cell: about 16 minutes).")
    boolean full;

    @Option(
            names = "--python",
            description = "Run py-gil-cpu and py-gil-mixed on the real Python servers (gunicorn-sync,"
                    + " gunicorn-gthread, uvicorn, gevent from Debian's python3), the target host started with"
                    + " target-app/python/profiles.properties, instead of gil-cpu and gil-mixed on the emulation.")
    boolean python;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** The coordinator's REST API token, once it runs. */
    private String apiToken;
    /** One client for every call: the demo polls once a second, and a client per call is a thread pool per call. */
    private final HttpClient client = HttpClient.newHttpClient();

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
        long began = System.nanoTime();
        Path data = dataDir.toAbsolutePath().normalize();
        Path logs = data.resolve("logs");
        Path profiles = targetProfiles();
        if (profiles != null && !Files.isRegularFile(profiles)) {
            System.err.println("demo --python needs the Python twin's profiles file " + profiles
                    + ", and it is not there: is --home " + home + " a LoadLab checkout?");
            return 2;
        }
        Files.createDirectories(logs);
        LocalStack stack = track(new LocalStack(
                new LocalStack.Options(home, data, logs, data.resolve("agent"), "demo", 1, DemoMain::say, profiles)));
        stack.start();
        Coordinator coordinator = stack.coordinator();
        apiToken = coordinator.apiToken();

        String api = coordinator.httpUrl();
        String patch = full ? "" : shortVersion();
        say("the target host, the agent and the coordinator share this machine's "
                + Runtime.getRuntime().availableProcessors()
                + " cores: the target's cores in brackets are capped by what the others leave it.");
        List<String> runIds = new ArrayList<>();
        boolean allSucceeded = true;
        for (String name : sweeps()) {
            say("running the built-in scenario " + name + (full ? " as saved" : ", short version") + ":");
            System.out.println("  POST " + api + "/api/v1/scenarios/" + name + "/runs?label=source:demo"
                    + (patch.isEmpty() ? "" : "  " + patch));
            HttpResponse<String> submitted = http(
                    HttpRequest.newBuilder(URI.create(api + "/api/v1/scenarios/" + name + "/runs?label=source:demo"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(patch)));
            if (submitted.statusCode() != 202) {
                System.err.println("the coordinator refused to start " + name + ": " + submitted.body());
                return 1;
            }
            String runId = Json.lenient().readTree(submitted.body()).get("id").asText();
            runIds.add(runId);
            System.out.println("  Dashboard: " + dashboardLink(api, runId) + "  (live while the demo runs)");
            JsonNode run = follow(api, runId);
            ScalingResult result = ScalingResult.of(run);
            System.out.println();
            System.out.print(ScalingTable.format(result));
            if (run.hasNonNull("failure")) {
                System.out.println("  failure: " + run.get("failure").asText());
            }
            List<String> findings = Findings.of(result, Runtime.getRuntime().availableProcessors());
            System.out.println(
                    findings.isEmpty()
                            ? "  Findings: none the data supports."
                            : "  Findings (computed from the table):");
            findings.forEach(finding -> System.out.println("  - " + finding));
            System.out.println();
            allSucceeded &= run.get("status").asText().equals("SUCCEEDED");
        }

        System.out.println("Data: " + coordinator.databaseDescription() + " (kept between runs)");
        System.out.println("Logs: " + logs);
        System.out.println(
                "See these runs again in the dashboard (charts, every step and second): start a coordinator on"
                        + " the same data, then open " + LATER + DashboardRoutes.PATH);
        System.out.println("  ./loadlab coordinator --data-dir " + dataDir + " &");
        for (String runId : runIds) {
            System.out.println("  Dashboard: " + dashboardLink(LATER, runId));
        }
        System.out.println("  or the JSON: curl -s -H \"Authorization: Bearer $(cat "
                + dataDir.resolve(ApiTokenFile.NAME) + ")\" " + LATER + "/api/v1/runs/" + runIds.getLast());
        System.out.printf(Locale.ROOT, "demo: done in %.0f s%n", (System.nanoTime() - began) / 1e9);
        return allSucceeded ? 0 : 1;
    }

    /**
     * The one place the demo builds a dashboard link, for the coordinator at {@code httpUrl}, with the API token in the
     * URL fragment: browsers never send a fragment, and the dashboard moves the token out of the address bar.
     */
    private String dashboardLink(String httpUrl, String runId) {
        return DashboardRoutes.runLink(httpUrl, runId) + "?token=" + apiToken;
    }

    /** The built-in scenarios this demo runs, in order. */
    List<String> sweeps() {
        return python ? PYTHON_SWEEPS : SWEEPS;
    }

    /** The profiles file the target host starts with, or null for its built-in profiles only. */
    Path targetProfiles() {
        return python ? home.toAbsolutePath().normalize().resolve(PYTHON_PROFILES) : null;
    }

    /** The merge patch that makes a built-in sweep short: fewer worker counts, shorter cells. */
    String shortVersion() {
        ObjectNode patch = Json.lenient().createObjectNode();
        ArrayNode counts = patch.putObject("target").putArray("workers");
        workers.forEach(counts::add);
        patch.putObject("load").put("warmup", warmup).put("duration", duration);
        return patch.toString();
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
            String line;
            if (p == null) {
                line = "  " + status.toLowerCase(Locale.ROOT) + " ...";
            } else if (p.get("warmingUp").asBoolean()) {
                line = "  " + step(run.get("scenario"), p.get("stepIndex").asInt()) + " warming up";
            } else {
                line = String.format(
                        Locale.ROOT,
                        "  %s measuring: %.0f s in, %d responses, %d errors",
                        step(run.get("scenario"), p.get("stepIndex").asInt()),
                        p.get("elapsedSeconds").asDouble(),
                        p.get("requests").asLong(),
                        p.get("errors").asLong());
            }
            // One line per step and phase: enough to see it move, short enough to keep the tables in view.
            String phase = p == null
                    ? status
                    : p.get("stepIndex").asText() + p.get("warmingUp").asText();
            if (!phase.equals(last)) {
                System.out.println(line);
                last = phase;
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** "step 3/10 threaded-gil W=2", in the order the coordinator plans steps (profiles outer, then workers). */
    private static String step(JsonNode scenario, int index) {
        JsonNode target = scenario.get("target");
        int profiles = Math.max(1, target.path("profiles").size());
        int counts = Math.max(1, target.path("workers").size());
        int repeats = scenario.path("repeats").asInt(1);
        String cell = "";
        if (target.has("profiles") && target.has("workers")) {
            int at = index / repeats;
            cell = " " + target.get("profiles").get(at / counts).asText() + " W="
                    + target.get("workers").get(at % counts).asInt();
        }
        return "step " + (index + 1) + "/" + profiles * counts * repeats + cell;
    }

    private HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        return client.send(
                request.header("Authorization", "Bearer " + apiToken)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private <T extends AutoCloseable> T track(T part) {
        synchronized (started) {
            started.push(part);
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
