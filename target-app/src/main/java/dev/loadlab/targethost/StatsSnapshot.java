package dev.loadlab.targethost;

import dev.loadlab.protocol.control.Calibration;
import dev.loadlab.protocol.control.StatusCounts;
import dev.loadlab.protocol.control.WorkerStats;
import dev.loadlab.targethost.work.CpuCalibration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The target's request counters at one moment, as {@code GET /stats} reports them. Immutable.
 *
 * @param requests responses sent on the counted endpoints, the sum of {@code byPath}
 * @param byPath responses sent per counted endpoint, every endpoint present (0 if never called), in a stable order
 * @param rejected how many of those responses refused the request (4xx: bad parameter, wrong method, no token; or
 *     5xx), so a test can tell refused from served
 * @param statusByPath {@code byPath} by status class
 */
public record StatsSnapshot(
        long requests, Map<String, Long> byPath, long rejected, Map<String, StatusCounts> statusByPath) {
    public StatsSnapshot {
        byPath = Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
        statusByPath = Collections.unmodifiableMap(new LinkedHashMap<>(statusByPath));
    }

    /** The snapshot of these per-endpoint counts, the totals summed from them. */
    static StatsSnapshot of(Map<String, StatusCounts> statusByPath) {
        Map<String, Long> byPath = new LinkedHashMap<>();
        long requests = 0;
        long rejected = 0;
        for (Map.Entry<String, StatusCounts> entry : statusByPath.entrySet()) {
            StatusCounts counts = entry.getValue();
            byPath.put(entry.getKey(), counts.total());
            requests += counts.total();
            rejected += counts.clientError() + counts.serverError();
        }
        return new StatsSnapshot(requests, byPath, rejected, statusByPath);
    }

    /**
     * These counters as the wire record of a {@code /stats} answer.
     *
     * @param pid the answering worker process, or {@code null} for the single-process target
     * @param scope what the counters cover, or {@code null}
     */
    public WorkerStats toWire(int workers, Long pid, String scope, CpuCalibration calibration) {
        return new WorkerStats(
                requests,
                byPath,
                rejected,
                workers,
                pid,
                scope,
                new Calibration(calibration.iterationsPerMs(), calibration.method()),
                statusByPath);
    }
}
