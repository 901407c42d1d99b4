package dev.loadlab.protocol.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

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
 */
public record HostStats(
        Config config,
        double cpuSeconds,
        long rssBytes,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long requests,
        List<ProcessStats> workers,
        Calibration calibration,
        String method,
        Instant sampledAt) {
    public HostStats {
        workers = List.copyOf(workers);
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
     * @param requests its own exact count; {@code null} (written as {@code null}) for a command profile's processes
     */
    public record ProcessStats(
            long pid,
            @JsonInclude(JsonInclude.Include.ALWAYS) Long requests,
            double cpuSeconds,
            long rssBytes) {}
}
