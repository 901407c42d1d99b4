package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.launcher.ChildJvm;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-worker truth on a real multi-process server: the target host (own JVM) runs real Gunicorn sync with 2 workers
 * as a command profile serving a tiny WSGI app, a closed-model step runs through the coordinator and an agent (own
 * JVM), and the step's {@code target.workers} must show Gunicorn's arbiter apart from its 2 workers, each worker's CPU
 * and share, and no request counts (Gunicorn does not tell them). LoadLab's throughput is held against a plain
 * reference client (wrk when installed, else a plain Java loop) with the same number of connections on the same
 * configuration, measured before and after two LoadLab steps so drift on a shared machine hits both alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GunicornWorkersIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path WRK = Path.of("/usr/bin/wrk");
    private static final int USERS = 4;
    /** Rounds of reference, LoadLab, LoadLab, reference. */
    private static final int ROUNDS = 2;
    /** Long enough that the 2 workers, not either client, are the bottleneck on a machine the clients share. */
    private static final String PATH = "/cpu?ms=30";

    private static final Pattern TARGET_READY = Pattern.compile("ready: (http://\\S+)");
    private static final Pattern CONTROL_READY = Pattern.compile("control: (http://\\S+)");
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    /** A WSGI app with a CPU-bound endpoint (busy for ms of this thread's CPU) and a health check; stdlib only. */
    private static final String APP = """
            import time
            from urllib.parse import parse_qs

            def app(environ, start_response):
                path = environ.get('PATH_INFO', '/')
                if path == '/cpu':
                    ms = int(parse_qs(environ.get('QUERY_STRING', '')).get('ms', ['10'])[0])
                    end = time.thread_time() + ms / 1000.0
                    n = 0
                    while time.thread_time() < end:
                        n += 1
                    body = ('cpu %d\\n' % n).encode()
                elif path == '/health':
                    body = b'ok\\n'
                else:
                    start_response('404 Not Found', [('Content-Type', 'text/plain'), ('Content-Length', '10')])
                    return [b'not found\\n']
                start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))])
                return [body]
            """;

    @TempDir
    static Path dir;

    private final String token = UUID.randomUUID().toString();
    private ChildJvm host;
    private Coordinator coordinator;
    private AgentProcess agent;
    private Api api;
    private String app;
    private String control;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(
                gunicornInstalled() || (installGunicorn() && gunicornInstalled()),
                "Gunicorn is not installed for " + PYTHON + " and could not be installed (apt-get install gunicorn"
                        + " needs root and Debian): the real-server test cannot run");
        Path appDir = Files.createDirectories(dir.resolve("app"));
        Files.writeString(appDir.resolve("app.py"), APP);
        Path profiles = dir.resolve("profiles.properties");
        Files.writeString(profiles, """
                profile.gunicorn-sync.command=%s -m gunicorn -k sync -w {workers} -b 127.0.0.1:{port} --reuse-port \
                --chdir %s app:app
                profile.gunicorn-sync.readiness=/health
                profile.gunicorn-sync.description=real Gunicorn sync workers serving a tiny WSGI app
                """.formatted(PYTHON, appDir));
        Path targetJar = HostStack.home().resolve("target-app/target/loadlab-target-app.jar");
        host = ChildJvm.start(
                "gunicorn-target",
                targetJar,
                dir,
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
                        profiles.toString()));
        app = host.awaitLine(TARGET_READY, Duration.ofSeconds(90));
        control = host.awaitLine(CONTROL_READY, Duration.ofSeconds(90));
        String cluster = "gunicorn-" + UUID.randomUUID();
        coordinator = Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), cluster));
        api = Api.of(coordinator);
        agent = AgentProcess.start("gunicorn-agent", coordinator.clusterAddress(), cluster, dir.resolve("agent"));
        Poll.until("an idle agent", Duration.ofSeconds(90), () -> {
            long idle = StreamSupport.stream(api.get("/api/v1/agents").body().spliterator(), false)
                    .filter(a -> a.get("state").asText().equals("IDLE"))
                    .count();
            return idle == 1 ? Optional.of(true) : Optional.empty();
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void gunicornsWorkersAreReportedApartFromItsArbiterAndLoadLabKeepsUpWithAPlainClient() throws Exception {
        // A first short step switches the target to Gunicorn and warms the agent up. Then, twice, reference, LoadLab,
        // LoadLab, reference (ABBA): a machine that gets busier or quieter meanwhile favours neither client.
        JsonNode warmUp = runStep("1s");
        assertThat(warmUp.get("profile").asText()).isEqualTo("gunicorn-sync");
        List<JsonNode> steps = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            references.add(reference());
            steps.add(runStep("5s"));
            steps.add(runStep("5s"));
            references.add(reference());
        }

        for (JsonNode step : steps) {
            assertPerWorkerTruth(step);
        }
        List<Double> loadlab =
                steps.stream().map(step -> step.get("throughputRps").asDouble()).toList();
        List<Double> plain = references.stream().map(Reference::rateRps).toList();
        String client = references.get(0).client();
        double loadlabMean =
                loadlab.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double plainMean =
                plain.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf(
                "GunicornWorkersIT: LoadLab %s req/s (agent CPU shares %s, target cores %s), %s %s req/s; last target"
                        + " %s%n",
                loadlab,
                steps.stream().map(step -> step.path("agentCpuShare").asText()).toList(),
                steps.stream().map(step -> step.path("targetCpuCores").asText()).toList(),
                client,
                plain,
                steps.get(steps.size() - 1).get("target"));
        assertThat(loadlabMean)
                .as(
                        "LoadLab's %d users (mean %.1f req/s of %s) against %s on the same configuration (mean %.1f"
                                + " req/s of %s, measured around them)",
                        USERS, loadlabMean, loadlab, client, plainMean, plain)
                .isGreaterThanOrEqualTo(0.8 * plainMean);
    }

    /** One master (Gunicorn's arbiter) and 2 workers with CPU and shares; requests null (not 0) for each. */
    private static void assertPerWorkerTruth(JsonNode step) {
        JsonNode target = step.get("target");
        assertThat(step.get("profile").asText()).isEqualTo("gunicorn-sync");
        assertThat(target).as(step.toPrettyString()).isNotNull();
        List<JsonNode> workers = new ArrayList<>();
        List<JsonNode> masters = new ArrayList<>();
        for (JsonNode process : target.get("workers")) {
            assertThat(process.has("requests") && process.get("requests").isNull())
                    .as("a foreign app's requests are unknown: null, never 0: " + process)
                    .isTrue();
            switch (process.get("role").asText()) {
                case "worker" -> workers.add(process);
                case "master" -> masters.add(process);
                default -> throw new AssertionError("unexpected role in " + target);
            }
        }
        assertThat(masters).as("Gunicorn's arbiter, shown apart: " + target).hasSize(1);
        assertThat(workers).as("Gunicorn's 2 sync workers: " + target).hasSize(2);
        assertThat(workers).allSatisfy(worker -> {
            assertThat(worker.get("cpuSeconds").asDouble()).isPositive();
            assertThat(worker.get("cpuShare").asDouble()).isBetween(0.0, 1.0);
        });
        assertThat(workers.stream()
                        .mapToDouble(worker -> worker.get("cpuShare").asDouble())
                        .sum())
                .as("the workers did nearly all of the app's CPU: " + target)
                .isBetween(0.8, 1.01);
        assertThat(target.get("capacityCores").asDouble()).isEqualTo(2.0);
    }

    private JsonNode runStep(String duration) {
        String scenario = """
                {"name": "gunicorn-workers",
                 "target": {"baseUrl": "%s", "control": {"url": "%s", "token": "%s"},
                            "profiles": ["gunicorn-sync"], "workers": [2]},
                 "workload": {"requests": [{"name": "cpu", "path": "%s"}]},
                 "load": {"model": "closed", "users": %d, "warmup": "2s", "duration": "%s"}}
                """.formatted(app, control, token, PATH, USERS, duration);
        Api.Reply submitted = api.post("/api/v1/runs", scenario);
        assertThat(submitted.status()).as(String.valueOf(submitted.body())).isEqualTo(202);
        String id = submitted.body().get("id").asText();
        JsonNode run = Poll.until("run " + id + " to finish", Duration.ofSeconds(180), () -> {
            JsonNode body = api.get("/api/v1/runs/" + id).body();
            String status = body.get("status").asText();
            return status.equals("QUEUED") || status.equals("RUNNING") ? Optional.empty() : Optional.of(body);
        });
        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        return run.get("steps").get(0);
    }

    /** What a plain client measured, and which one it was. */
    private record Reference(String client, double rateRps) {}

    private Reference reference() throws Exception {
        double cpuBefore = appCpuSeconds();
        long start = System.nanoTime();
        Reference reference = Files.isExecutable(WRK) ? wrk() : javaLoop();
        double cores = (appCpuSeconds() - cpuBefore) / ((System.nanoTime() - start) / 1e9);
        System.out.printf(
                "GunicornWorkersIT: %s %.1f req/s, the app used %.2f cores%n",
                reference.client(), reference.rateRps(), cores);
        return reference;
    }

    /** The app's cumulative CPU seconds, from the target host's own control API. */
    private double appCpuSeconds() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> stats = client.send(
                    HttpRequest.newBuilder(URI.create(control.replaceAll("/$", "") + "/control/stats"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.lenient().readTree(stats.body()).get("cpuSeconds").asDouble();
        }
    }

    /** {@code wrk -t1 -c USERS -d5s}: its requests/s, parsed from its output. */
    private Reference wrk() throws Exception {
        Process wrk = new ProcessBuilder(WRK.toString(), "-t1", "-c" + USERS, "-d5s", app.replaceAll("/$", "") + PATH)
                .redirectErrorStream(true)
                .start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrk.waitFor(30, TimeUnit.SECONDS)).as("wrk ended").isTrue();
        Matcher rate = WRK_RATE.matcher(output);
        assertThat(rate.find()).as("wrk's output: " + output).isTrue();
        assertThat(output).as("wrk saw no socket errors or non-2xx answers").doesNotContain("Non-2xx", "Socket errors");
        return new Reference("wrk -t1 -c" + USERS, Double.parseDouble(rate.group(1)));
    }

    /** USERS threads each sending requests one after another for 5 s over the JDK's HTTP client. */
    private Reference javaLoop() throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (HttpClient client = HttpClient.newHttpClient()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(app.replaceAll("/$", "") + PATH))
                            .build();
                    while (System.nanoTime() < end) {
                        if (client.send(request, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200) {
                            done.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Reference("a plain Java loop of " + USERS + " threads", done.get() / 5.0);
    }

    /** As the launcher does: Debian's package, when this runs as root on a machine with apt-get. */
    private static boolean installGunicorn() throws InterruptedException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return false;
        }
        try {
            Process install = new ProcessBuilder("/usr/bin/apt-get", "install", "-y", "-q", "gunicorn")
                    .redirectErrorStream(true)
                    .start();
            install.getInputStream().readAllBytes();
            return install.waitFor(300, TimeUnit.SECONDS) && install.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean gunicornInstalled() throws InterruptedException {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import gunicorn")
                    .redirectErrorStream(true)
                    .start();
            check.getInputStream().readAllBytes();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
