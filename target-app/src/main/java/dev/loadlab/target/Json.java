package dev.loadlab.target;

import dev.loadlab.target.work.CpuCalibration;
import java.util.Map;

/**
 * The few JSON bodies the target sends, written by hand: the module stays free of a JSON library (it is the thing
 * under load, and its per-request overhead should be close to nothing). Stateless.
 */
final class Json {
    private Json() {}

    /** An {@code application/problem+json} body (RFC 9457); {@code parameter} is omitted when {@code null}. */
    static String problem(int status, String title, String detail, String parameter) {
        StringBuilder json = new StringBuilder(160)
                .append("{\"type\":\"about:blank\",\"title\":")
                .append(quote(title))
                .append(",\"status\":")
                .append(status)
                .append(",\"detail\":")
                .append(quote(detail));
        if (parameter != null) {
            json.append(",\"parameter\":").append(quote(parameter));
        }
        return json.append('}').toString();
    }

    static String stats(StatsSnapshot stats, int workers, CpuCalibration calibration) {
        StringBuilder json = new StringBuilder(400)
                .append("{\"requests\":")
                .append(stats.requests())
                .append(",\"byPath\":{");
        boolean first = true;
        for (Map.Entry<String, Long> entry : stats.byPath().entrySet()) {
            json.append(first ? "" : ",")
                    .append(quote(entry.getKey()))
                    .append(':')
                    .append(entry.getValue());
            first = false;
        }
        return json.append("},\"rejected\":")
                .append(stats.rejected())
                .append(",\"workers\":")
                .append(workers)
                .append(",\"calibration\":{\"iterationsPerMs\":")
                .append(calibration.iterationsPerMs())
                .append(",\"method\":")
                .append(quote(calibration.method()))
                .append("}}")
                .toString();
    }

    /** A JSON string literal; escapes what RFC 8259 requires, so echoed client input cannot break the document. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
