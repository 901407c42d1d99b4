package dev.loadlab.coordinator.targetcontrol;

import java.time.Instant;
import java.util.List;

/**
 * One reading of a target host's {@code GET /control/stats}: cumulative CPU seconds of the app's whole process tree,
 * resident memory, each app process's own cumulative CPU and request count, and the configuration's capacity in
 * cores. {@code at} is when the coordinator received it. Immutable.
 *
 * @param capacityCores the host's ceiling for the running configuration; {@code null} from a host before control API
 *     v3 or when nothing runs
 */
public record TargetSample(
        Instant at, double cpuSeconds, long rssBytes, List<ProcessSample> processes, Double capacityCores) {
    public TargetSample {
        processes = List.copyOf(processes);
    }

    /**
     * One app process in one reading.
     *
     * @param role {@code worker}, {@code master} or {@code helper}
     * @param cpuSeconds cumulative since the process started
     * @param requests cumulative; {@code null} when the host cannot say (a command profile)
     */
    public record ProcessSample(long pid, String role, double cpuSeconds, Long requests) {}
}
