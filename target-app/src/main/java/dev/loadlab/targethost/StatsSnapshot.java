package dev.loadlab.targethost;

import dev.loadlab.protocol.control.Calibration;
import dev.loadlab.protocol.control.WorkerStats;
import dev.loadlab.targethost.work.CpuCalibration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The target's request counters at one moment, as {@code GET /stats} reports them. Immutable.
 *
 * @param requests responses sent on the workload endpoints, the sum of {@code byPath}
 * @param byPath responses sent per workload endpoint, every endpoint present (0 if never called), in a stable order
 * @param rejected how many of those responses refused the request (4xx: bad parameter, wrong method), so a test can
 *     tell refused from served
 */
public record StatsSnapshot(long requests, Map<String, Long> byPath, long rejected) {
    public StatsSnapshot {
        byPath = Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
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
                new Calibration(calibration.iterationsPerMs(), calibration.method()));
    }
}
