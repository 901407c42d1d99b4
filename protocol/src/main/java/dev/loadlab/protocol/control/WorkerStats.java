package dev.loadlab.protocol.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a target app's own {@code GET /stats}: its exact request counters. A worker process of the target host
 * answers it for itself only ({@code pid} and {@code scope} say so), and the host's supervisor sums the workers'
 * answers into {@link HostStats}; the single-process target leaves {@code pid} and {@code scope} out. Immutable.
 *
 * @param requests responses sent on the workload endpoints, the sum of {@code byPath}
 * @param byPath responses per workload endpoint, every endpoint present, in a stable order
 * @param rejected how many of those responses refused the request (4xx)
 * @param workers the serving threads of this process
 * @param pid this process, or {@code null} (omitted) for the single-process target
 * @param scope what the counters cover, or {@code null} (omitted)
 * @param calibration the CPU calibration this process uses
 */
public record WorkerStats(
        long requests,
        Map<String, Long> byPath,
        long rejected,
        int workers,
        Long pid,
        String scope,
        Calibration calibration) {
    /** What a worker process of the target host says its counters cover. */
    public static final String WORKER_SCOPE =
            "this worker process only; the supervisor's /control/stats sums all workers";

    public WorkerStats {
        byPath = Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
    }
}
