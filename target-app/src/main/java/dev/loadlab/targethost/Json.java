package dev.loadlab.targethost;

import dev.loadlab.targethost.http.Responses;
import dev.loadlab.targethost.work.CpuCalibration;

/**
 * The single-process target's JSON bodies. Problem answers to workload requests are written by hand: they are on the
 * per-request path of the thing under load, whose overhead should be close to nothing. The {@code /stats} body is the
 * protocol's {@code WorkerStats} record, written by Jackson. Stateless.
 */
final class Json {
    private Json() {}

    /** An {@code application/problem+json} body (RFC 9457); {@code parameter} is omitted when {@code null}. */
    static String problem(int status, String title, String detail, String parameter) {
        return Responses.problemBody(status, title, detail, parameter);
    }

    /** The body of {@code GET /stats}, written from the {@code WorkerStats} wire record (not on the per-request path). */
    static String stats(StatsSnapshot stats, int workers, CpuCalibration calibration) {
        return dev.loadlab.protocol.Json.write(stats.toWire(workers, null, null, calibration));
    }
}
