package dev.loadlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The coordinator's REST API as the benchmarks use it: submit a scenario and wait until its run ends, failing unless
 * it succeeded. Thread-safe.
 */
final class BenchApi {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String api;
    private final String token;

    BenchApi(String api, String token) {
        this.api = api;
        this.token = token;
    }

    /**
     * Submits {@code scenario} (JSON) and returns the finished run; {@code progress} sees the run every
     * {@code every} while it is queued or running.
     */
    JsonNode runToEnd(String scenario, Duration every, Consumer<JsonNode> progress)
            throws IOException, InterruptedException {
        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(URI.create(api + "/api/v1/runs"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(scenario))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("scenario refused: " + submitted.body());
        }
        String id = Json.lenient().readTree(submitted.body()).get("id").asText();
        while (true) {
            JsonNode run = Json.lenient()
                    .readTree(http.send(
                                    HttpRequest.newBuilder(URI.create(api + "/api/v1/runs/" + id))
                                            .header("Authorization", "Bearer " + token)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            String status = run.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                if (!status.equals("SUCCEEDED")) {
                    throw new IllegalStateException("bench run " + id + " ended " + status + ": " + run.get("failure"));
                }
                return run;
            }
            progress.accept(run);
            TimeUnit.MILLISECONDS.sleep(every.toMillis());
        }
    }
}
