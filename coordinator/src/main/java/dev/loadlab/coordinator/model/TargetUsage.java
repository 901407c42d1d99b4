package dev.loadlab.coordinator.model;

import java.util.List;

/**
 * What the target host used during a measured window, from its own accounting: average cores (CPU seconds of the
 * app's process tree divided by wall seconds, both cut to the window by linear interpolation between samples), peak
 * resident memory, and requests per worker process, so an imbalance across workers is visible. Immutable.
 */
public record TargetUsage(double cpuCores, long rssBytes, List<WorkerRequests> workerRequests, int samples) {
    /** How the figures were measured, stored with every step. */
    public static final String METHOD = "target host's own /proc accounting (utime+stime of every app process,"
            + " children included), sampled every 500 ms; cores = CPU seconds / wall seconds inside the measured"
            + " window, interpolated between samples; rssBytes = highest sum of VmRSS seen; workerRequests = requests"
            + " each worker process served between the first and last sample";

    /** Requests one worker process served while the step ran. */
    public record WorkerRequests(long pid, long requests) {}

    public TargetUsage {
        workerRequests = List.copyOf(workerRequests);
    }
}
