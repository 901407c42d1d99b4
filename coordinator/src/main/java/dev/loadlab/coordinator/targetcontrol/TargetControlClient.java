package dev.loadlab.coordinator.targetcontrol;

import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.control.ConfigRequest;
import dev.loadlab.protocol.control.ControlApi;
import dev.loadlab.protocol.control.HostStats;
import dev.loadlab.protocol.control.ProfileList;
import dev.loadlab.protocol.scenario.TargetControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of one target host's control API ({@code PUT /control/config}, {@code GET /control/stats}) with its bearer
 * token. Blocking; call it off the scheduler's thread. Thread-safe.
 */
public final class TargetControlClient {
    /** How long a switch may take: starting 64 worker JVMs on a small machine is slow. */
    static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(150);

    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TargetControl control;
    private final Clock clock;

    public TargetControlClient(TargetControl control, Clock clock) {
        this.control = control;
        this.clock = clock;
    }

    /** Switches the target and returns once the new configuration answers its health check. */
    public void switchTo(String profile, int workers) {
        String body = Json.write(new ConfigRequest(profile, workers));
        HttpResponse<String> response = send(
                request("/control/config", SWITCH_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                "switch to " + profile + " with " + workers + " workers");
        if (MissingProfile.isMissingProfile(response.statusCode(), response.body())) {
            throw new TargetControlException(MissingProfile.reason(profile, profiles()));
        }
        if (response.statusCode() != 200) {
            throw new TargetControlException("the target host refused to switch to " + profile + " with " + workers
                    + " workers: HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        }
    }

    /** The names of the host's profiles, or an empty list when it does not say: only to explain a refusal. */
    private List<String> profiles() {
        try {
            HttpResponse<String> response =
                    send(request("/control/profiles", STATS_TIMEOUT).GET(), "list its profiles");
            if (response.statusCode() != 200) {
                return List.of();
            }
            return Json.read(response.body(), ProfileList.class).profiles().stream()
                    .map(ProfileList.Entry::name)
                    .toList();
        } catch (TargetControlException | UncheckedIOException e) {
            return List.of();
        }
    }

    public TargetSample sample() {
        HttpResponse<String> response =
                send(request("/control/stats", STATS_TIMEOUT).GET(), "read its stats");
        if (response.statusCode() != 200) {
            throw new TargetControlException("the target host's stats answered HTTP " + response.statusCode() + " "
                    + abbreviate(response.body()));
        }
        HostStats stats;
        try {
            stats = Json.read(response.body(), HostStats.class);
        } catch (UncheckedIOException e) {
            throw new TargetControlException(
                    "the target host's stats are not a control API v" + ControlApi.VERSION + " stats body: "
                            + abbreviate(response.body()),
                    e);
        }
        return toSample(stats, clock.instant());
    }

    /**
     * A command profile's requests stay unknown ({@code null}); a host before control API v3 names no roles, and every
     * process it listed was a worker JVM or a command's process, so those count as workers.
     */
    static TargetSample toSample(HostStats stats, Instant at) {
        List<TargetSample.ProcessSample> processes = new ArrayList<>();
        for (HostStats.ProcessStats process : stats.workers()) {
            processes.add(new TargetSample.ProcessSample(
                    process.pid(),
                    process.role() == null ? HostStats.ProcessStats.WORKER : process.role(),
                    process.cpuSeconds(),
                    process.requests()));
        }
        return new TargetSample(at, stats.cpuSeconds(), stats.rssBytes(), processes, stats.capacityCores());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        String base = control.url().endsWith("/")
                ? control.url().substring(0, control.url().length() - 1)
                : control.url();
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + control.token());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TargetControlException(
                    "cannot reach the target host's control API at " + control.url() + " to " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetControlException("interrupted while asking the target host to " + what, e);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
