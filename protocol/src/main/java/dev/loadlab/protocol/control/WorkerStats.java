package dev.loadlab.protocol.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a target app's own {@code GET /stats}: its exact request counters. A worker process of the target host
 * answers it for itself only ({@code pid} and {@code scope} say so), and the host's supervisor sums the workers'
 * answers into {@link HostStats}; the single-process target leaves {@code pid} and {@code scope} out. Immutable.
 *
 * @param requests responses sent on the counted endpoints (the workload endpoints and, since control API v2, {@code
 *     /login}, {@code /items}, {@code /items/{id}} and {@code /echo}), the sum of {@code byPath}
 * @param byPath responses per counted endpoint, every endpoint present, in a stable order; {@code /items/{id}} counts
 *     every item path under one key
 * @param rejected how many of those responses refused the request (4xx or 5xx)
 * @param workers the serving threads of this process
 * @param pid this process, or {@code null} (omitted) for the single-process target
 * @param scope what the counters cover, or {@code null} (omitted)
 * @param calibration the CPU calibration this process uses
 * @param statusByPath {@code byPath} split by status class, the same keys in the same order (empty when read from a
 *     v1 body)
 */
public record WorkerStats(
        long requests,
        Map<String, Long> byPath,
        long rejected,
        int workers,
        Long pid,
        String scope,
        Calibration calibration,
        Map<String, StatusCounts> statusByPath) {
    /** What a worker process of the target host says its counters cover. */
    public static final String WORKER_SCOPE =
            "this worker process only; the supervisor's /control/stats sums all workers";

    public WorkerStats {
        byPath = Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
        statusByPath = Collections.unmodifiableMap(
                statusByPath == null ? new LinkedHashMap<>() : new LinkedHashMap<>(statusByPath));
    }

    /** The control API v1 shape, without {@code statusByPath}. */
    public WorkerStats(
            long requests,
            Map<String, Long> byPath,
            long rejected,
            int workers,
            Long pid,
            String scope,
            Calibration calibration) {
        this(requests, byPath, rejected, workers, pid, scope, calibration, Map.of());
    }
}
