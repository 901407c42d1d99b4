package dev.loadlab.coordinator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the target host used during a measured window, from its own accounting: average cores (CPU seconds of the
 * app's process tree divided by wall seconds, both cut to the window by linear interpolation between samples), peak
 * resident memory, and per app process its role, CPU seconds, share of the app's CPU and (where the host knows it)
 * requests, so an imbalance across workers is visible and, when it is large, named in {@code imbalance}. Immutable.
 *
 * @param workers every app process seen in the window's samples (masters and helpers too, with their role), by pid
 * @param imbalance a plain note when the workers' shares were badly uneven, naming the likely cause; {@code null}
 *     otherwise (see {@code Imbalance})
 * @param capacityCores the most cores the configuration could keep busy on the target's machine, as the host said;
 *     {@code null} from a host before control API v3 and in steps stored before
 */
public record TargetUsage(
        double cpuCores,
        long rssBytes,
        List<WorkerUsage> workers,
        int samples,
        @JsonInclude(JsonInclude.Include.ALWAYS) String imbalance,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double capacityCores) {
    /** How the figures were measured, stored with every step. */
    public static final String METHOD = "target host's own /proc accounting (utime+stime of every app process,"
            + " children included), sampled every 500 ms; cores = CPU seconds / wall seconds inside the measured"
            + " window, interpolated between samples; rssBytes = highest sum of VmRSS seen; workers = per app process"
            + " its role (worker; master = an app process with children in the app, e.g. Gunicorn's arbiter; helper ="
            + " e.g. Python's resource tracker), cpuSeconds = its own CPU cut to the window by the same interpolation"
            + " (a process that appeared mid-window counts from its first sample), cpuShare = that / the whole app's"
            + " CPU in the window, requests = what it served between its first and last sample, null where the host"
            + " cannot count (a command profile's processes); imbalance = a note when the busiest worker did at least"
            + " 1.5 times the even share of the workers' CPU; capacityCores = the profile's ceiling the host reported";

    public TargetUsage {
        workers = List.copyOf(workers);
    }

    /** The same usage with {@code note} as its imbalance. */
    public TargetUsage withImbalance(String note) {
        return new TargetUsage(cpuCores, rssBytes, workers, samples, note, capacityCores);
    }

    /**
     * One app process over the measured window.
     *
     * @param role {@code worker}, {@code master} or {@code helper}
     * @param cpuSeconds its CPU inside the window, to the millisecond; {@code null} only in steps stored before the
     *     host reported per-process CPU (rewritten from their per-worker request counts)
     * @param cpuShare {@code cpuSeconds} / the whole app's CPU in the window, to 3 decimals; {@code null} like {@code
     *     cpuSeconds}
     * @param requests requests it served; {@code null} when unknown (never 0 for unknown)
     */
    public record WorkerUsage(
            long pid,
            String role,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double cpuSeconds,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double cpuShare,
            @JsonInclude(JsonInclude.Include.ALWAYS) Long requests) {}
}
