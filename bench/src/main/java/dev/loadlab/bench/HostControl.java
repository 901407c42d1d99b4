package dev.loadlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The target host's control API as the generator bench uses it: which profiles it has, switch to a profile and W
 * (only when it runs something else), and CPU samples for {@link CpuSampler} (per worker process where the host
 * reports it, from {@code workers[]}: v3 hosts name each process's {@code role}, and only {@code worker}s count).
 * Thread-safe.
 */
final class HostControl {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    HostControl(String url, String token) {
        this.url = url;
        this.token = token;
    }

    String url() {
        return url;
    }

    String token() {
        return token;
    }

    Set<String> profiles() throws IOException, InterruptedException {
        Set<String> names = new HashSet<>();
        for (JsonNode p : get("/control/profiles").path("profiles")) {
            names.add(p.path("name").asText());
        }
        return names;
    }

    /** Makes the host run {@code profile} with {@code workers}, restarting it only when it runs something else. */
    void ensure(String profile, int workers) throws IOException, InterruptedException {
        JsonNode config = get("/control/config");
        if (profile.equals(config.path("profile").asText())
                && config.path("workers").asInt() == workers) {
            return;
        }
        HttpResponse<String> r = http.send(
                request("/control/config")
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"profile\":\"" + profile + "\",\"workers\":" + workers + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the target host refused " + profile + " W=" + workers + ": " + r.body());
        }
    }

    /** The host's own capacity in cores when it reports one ({@code capacityCores}, control API v3), else NaN. */
    double capacityCores() throws IOException, InterruptedException {
        JsonNode c = get("/control/stats").path("capacityCores");
        return c.isNumber() ? c.asDouble() : Double.NaN;
    }

    CpuSampler.Sample sample() throws IOException, InterruptedException {
        JsonNode stats = get("/control/stats");
        Map<Long, Double> workers = new HashMap<>();
        for (JsonNode w : stats.path("workers")) {
            String role = w.path("role").asText("worker");
            if (role.equals("worker")) {
                workers.put(w.path("pid").asLong(), w.path("cpuSeconds").asDouble());
            }
        }
        return new CpuSampler.Sample(
                System.currentTimeMillis(), stats.path("cpuSeconds").asDouble(), workers);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.lenient().readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
    }
}
