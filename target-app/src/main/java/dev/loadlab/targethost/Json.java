package dev.loadlab.targethost;

import dev.loadlab.targethost.http.JsonText;
import dev.loadlab.targethost.http.Responses;
import dev.loadlab.targethost.work.CpuCalibration;

/**
 * The few JSON bodies the target sends, written by hand: the module stays free of a JSON library (it is the thing
 * under load, and its per-request overhead should be close to nothing). Stateless.
 */
final class Json {
    private Json() {}

    /** An {@code application/problem+json} body (RFC 9457); {@code parameter} is omitted when {@code null}. */
    static String problem(int status, String title, String detail, String parameter) {
        return Responses.problemBody(status, title, detail, parameter);
    }

    static String stats(StatsSnapshot stats, int workers, CpuCalibration calibration) {
        return stats.openJson()
                .append(",\"workers\":")
                .append(workers)
                .append(",\"calibration\":{\"iterationsPerMs\":")
                .append(calibration.iterationsPerMs())
                .append(",\"method\":")
                .append(JsonText.quote(calibration.method()))
                .append("}}")
                .toString();
    }
}
