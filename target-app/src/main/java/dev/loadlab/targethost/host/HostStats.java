package dev.loadlab.targethost.host;

import dev.loadlab.targethost.work.CpuCalibration;
import java.time.Instant;
import java.util.List;

/**
 * One sample of the running configuration, as {@code GET /control/stats} reports it. Immutable.
 *
 * @param profile the running profile, or {@code null} if none runs (a start failed)
 * @param workers the running W, 0 if none
 * @param cpuSeconds user + system CPU of the app's processes (see {@code method})
 * @param rssBytes resident memory of the app's processes, summed
 * @param requests workload requests answered by the whole app, or {@code null} where the app cannot say (commands)
 * @param processes one entry per app process
 * @param calibration the CPU calibration the built-in profiles use
 * @param method how {@code cpuSeconds} and {@code rssBytes} were measured
 * @param sampledAt when the sample was taken
 */
public record HostStats(
        String profile,
        int workers,
        double cpuSeconds,
        long rssBytes,
        Long requests,
        List<ProcessStats> processes,
        CpuCalibration calibration,
        String method,
        Instant sampledAt) {
    public HostStats {
        processes = List.copyOf(processes);
    }

    /**
     * One app process.
     *
     * @param requests its own exact count, {@code null} for a command profile's processes
     */
    public record ProcessStats(long pid, Long requests, double cpuSeconds, long rssBytes) {}
}
