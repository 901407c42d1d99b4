package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.launcher.ChildJvm;
import dev.loadlab.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A whole LoadLab on this machine for tests that switch the target: the target host with its control API (own JVM,
 * starting at one worker), a coordinator with an embedded PostgreSQL, and one agent (own JVM). Close it to stop all.
 */
final class HostStack implements AutoCloseable {
    final String token = "it-" + UUID.randomUUID();
    final ChildJvm target;
    final Coordinator coordinator;
    final ChildJvm agent;
    final String app;
    final String control;
    final Api api;

    private HostStack(Path dir, String name) throws Exception {
        Path home = Path.of(System.getProperty("loadlab.agent.jar"))
                .getParent()
                .getParent()
                .getParent();
        target = ChildJvm.start(
                "target",
                home.resolve("target-app/target/loadlab-target-app.jar"),
                dir,
                List.of("--port", "0", "--control-port", "0", "--control-token", token, "--workers", "1"));
        app = target.awaitLine(Pattern.compile("ready: (http://\\S+)"), Duration.ofSeconds(90));
        control = target.awaitLine(Pattern.compile("control: (http://\\S+)"), Duration.ofSeconds(90));
        String cluster = name + "-" + UUID.randomUUID();
        coordinator = Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), cluster));
        agent = ChildJvm.start(
                "agent",
                Path.of(System.getProperty("loadlab.agent.jar")),
                dir,
                List.of(
                        "--id",
                        name + "-agent",
                        "--join",
                        coordinator.clusterAddress(),
                        "--cluster-name",
                        cluster,
                        "--work-dir",
                        dir.resolve("agent").toString()));
        agent.awaitLine(Pattern.compile("loadlab-agent ready"), Duration.ofSeconds(90));
        api = Api.of(coordinator);
    }

    static HostStack start(Path dir, String name) throws Exception {
        return new HostStack(dir, name);
    }

    /** The scenario's {@code target} object for this host, switching through {@code profiles} x {@code workers}. */
    String target(String profilesJson, String workersJson) {
        return """
                {"baseUrl": "%s", "control": {"url": "%s", "token": "%s"}, "profiles": %s, "workers": %s}""".formatted(app, control, token, profilesJson, workersJson);
    }

    /** Submits {@code scenario} and returns the run once it is final. */
    JsonNode runToEnd(String scenario, Duration timeout) {
        Api.Reply submitted = api.post("/api/v1/runs", scenario);
        assertThat(submitted.status()).as(String.valueOf(submitted.body())).isEqualTo(202);
        return awaitEnd(submitted.body().get("id").asText(), timeout);
    }

    /** The run once it is final (neither queued nor running). */
    JsonNode awaitEnd(String id, Duration timeout) {
        return Poll.until("run " + id + " to finish", timeout, () -> {
            JsonNode run = api.get("/api/v1/runs/" + id).body();
            String status = run.get("status").asText();
            return status.equals("QUEUED") || status.equals("RUNNING") ? Optional.empty() : Optional.of(run);
        });
    }

    JsonNode controlGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(control + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return Json.lenient().readTree(response.body());
    }

    @Override
    public void close() {
        for (AutoCloseable part : new AutoCloseable[] {agent, coordinator, target}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + part + ": " + e);
            }
        }
    }
}
