package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.launcher.LocalStack;
import dev.loadlab.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A whole LoadLab on this machine for tests that switch the target: the target host with its control API (own JVM,
 * starting at one worker), a coordinator with an embedded PostgreSQL, and one agent or more (each its own JVM), as the
 * demo starts them ({@link LocalStack}). Close it to stop all.
 */
final class HostStack implements AutoCloseable {
    private final LocalStack stack;
    final String token;
    final Coordinator coordinator;
    final String app;
    final String control;
    final Api api;

    private HostStack(LocalStack stack) {
        this.stack = stack;
        token = stack.controlToken();
        coordinator = stack.coordinator();
        app = stack.appUrl();
        control = stack.controlUrl();
        api = Api.of(coordinator);
    }

    static HostStack start(Path dir, String name) throws Exception {
        return start(dir, name, 1);
    }

    /** As {@link #start(Path, String)} with {@code agents} agents, each in its own JVM. */
    static HostStack start(Path dir, String name, int agents) throws Exception {
        return new HostStack(new LocalStack(new LocalStack.Options(
                        home(), dir.resolve("data"), dir, dir.resolve("agent"), name, agents, line -> {}))
                .start());
    }

    /** The LoadLab checkout the built jars are in: three levels above the agent's jar. */
    static Path home() {
        return Path.of(System.getProperty("loadlab.agent.jar"))
                .getParent()
                .getParent()
                .getParent();
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
        stack.close();
    }
}
