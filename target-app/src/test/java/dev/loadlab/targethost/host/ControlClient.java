package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test's view of the control API: real HTTP, answers read with regular expressions (no JSON library here). */
final class ControlClient {
    private static final Pattern WORKER = Pattern.compile(
            "\\{\"pid\":(\\d+),\"role\":\"[a-z]+\",\"requests\":(\\d+|null),\"cpuSeconds\":([0-9.E-]+)");
    private static final Pattern PIDS = Pattern.compile("\"pids\":\\[([0-9,]*)]");

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String token;

    ControlClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> send(String method, String path, String body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(90))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, token);
    }

    /** Switches, asserting success; returns the new configuration's pids. */
    List<Long> apply(String profile, int workers) throws IOException, InterruptedException {
        HttpResponse<String> response =
                send("PUT", "/control/config", "{\"profile\":\"" + profile + "\",\"workers\":" + workers + "}", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"profile\":\"" + profile + "\",\"workers\":" + workers);
        return pids(response.body());
    }

    List<Long> currentPids() throws IOException, InterruptedException {
        return pids(get("/control/config").body());
    }

    Stats stats() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/control/stats");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String body = response.body();
        List<Worker> workers = new ArrayList<>();
        Matcher worker = WORKER.matcher(body);
        while (worker.find()) {
            workers.add(new Worker(
                    Long.parseLong(worker.group(1)),
                    worker.group(2).equals("null") ? null : Long.parseLong(worker.group(2)),
                    Double.parseDouble(worker.group(3))));
        }
        Matcher cpu = Pattern.compile("\"cpuSeconds\":([0-9.E-]+),\"rssBytes\":(\\d+),\"requests\":(\\d+|null)")
                .matcher(body);
        assertThat(cpu.find()).as(body).isTrue();
        return new Stats(
                Double.parseDouble(cpu.group(1)),
                Long.parseLong(cpu.group(2)),
                cpu.group(3).equals("null") ? null : Long.parseLong(cpu.group(3)),
                workers,
                System.nanoTime(),
                body);
    }

    private static List<Long> pids(String json) {
        Matcher matcher = PIDS.matcher(json);
        assertThat(matcher.find()).as(json).isTrue();
        List<Long> pids = new ArrayList<>();
        for (String pid : matcher.group(1).split(",")) {
            if (!pid.isEmpty()) {
                pids.add(Long.parseLong(pid));
            }
        }
        return pids;
    }

    record Worker(long pid, Long requests, double cpuSeconds) {}

    record Stats(
            double cpuSeconds, long rssBytes, Long requests, List<Worker> workers, long sampledNanos, String json) {
        /** Cores used between {@code earlier} and this sample: Δ CPU seconds / Δ wall seconds. */
        double coresSince(Stats earlier) {
            return (cpuSeconds - earlier.cpuSeconds) / ((sampledNanos - earlier.sampledNanos) / 1e9);
        }
    }
}
