package dev.loadlab.protocol.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /control/stats}: one sample of the running configuration's CPU, memory and request counts.
 * Counters are cumulative since the configuration started, so a reader takes differences between samples. Immutable.
 *
 * @param config what runs
 * @param cpuSeconds user + system CPU of the app's processes (see {@code method})
 * @param rssBytes resident memory of the app's processes, summed
 * @param requests workload requests answered by the whole app; {@code null} (written as {@code null}) where the app
 *     cannot say (command profiles) or a worker did not answer
 * @param workers one entry per app process
 * @param calibration the CPU calibration the built-in profiles use
 * @param method how {@code cpuSeconds} and {@code rssBytes} were measured
 * @param sampledAt when the sample was taken
 * @param byPath the workers' {@link WorkerStats#byPath()} summed per endpoint; {@code null} (written as {@code null})
 *     whenever {@code requests} is
 * @param statusByPath the workers' {@link WorkerStats#statusByPath()} summed per endpoint and status class; {@code
 *     null} (written as {@code null}) whenever {@code requests} is
 * @param capacityCores how many cores the running configuration can keep busy at most on this machine (its profile's
 *     ceiling, e.g. min(W, machine cores), or 1 under a GIL); {@code null} (written as {@code null}) when nothing runs
 * @param machineCores the cores this host's JVM may use ({@code Runtime.availableProcessors()})
 */
public record HostStats(
        Config config,
        double cpuSeconds,
        long rssBytes,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long requests,
        List<ProcessStats> workers,
        Calibration calibration,
        String method,
        Instant sampledAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Long> byPath,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, StatusCounts> statusByPath,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double capacityCores,
        int machineCores) {
    public HostStats {
        workers = List.copyOf(workers);
        byPath = byPath == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
        statusByPath = statusByPath == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(statusByPath));
    }

    /** The control API v1 shape, without the per-endpoint sums. */
    public HostStats(
            Config config,
            double cpuSeconds,
            long rssBytes,
            Long requests,
            List<ProcessStats> workers,
            Calibration calibration,
            String method,
            Instant sampledAt) {
        this(config, cpuSeconds, rssBytes, requests, workers, calibration, method, sampledAt, null, null, null, 0);
    }

    /**
     * The running configuration.
     *
     * @param profile {@code null} (written as {@code null}) when nothing runs
     * @param workers W, 0 when nothing runs
     */
    public record Config(
            @JsonInclude(JsonInclude.Include.ALWAYS) String profile, int workers) {}

    /**
     * One app process.
     *
     * @param role {@link #WORKER} (serves requests), {@link #MASTER} (an app process with children in the app, e.g.
     *     Gunicorn's arbiter or Uvicorn's supervisor) or {@link #HELPER} (e.g. Python's multiprocessing resource
     *     tracker)
     * @param requests its own exact count; {@code null} (written as {@code null}) for a command profile's processes
     * @param cpuSeconds its cumulative user + system CPU, children that ended included
     */
    public record ProcessStats(
            long pid,
            String role,
            @JsonInclude(JsonInclude.Include.ALWAYS) Long requests,
            double cpuSeconds,
            long rssBytes) {
        public static final String WORKER = "worker";
        public static final String MASTER = "master";
        public static final String HELPER = "helper";
    }
}
