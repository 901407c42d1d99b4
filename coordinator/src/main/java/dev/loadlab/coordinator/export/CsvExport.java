package dev.loadlab.coordinator.export;

import dev.loadlab.coordinator.model.RequestView;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.protocol.result.LatencyMs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's steps as RFC 4180 CSV (CRLF line ends, a header row, fields quoted when they hold a comma, quote, CR or LF,
 * quotes doubled): one {@code step} row per step, then one {@code request} row per request name of that step. A
 * request row repeats its step's index, profile, workers, repeat, status, measured seconds, generatorBound and unsteady
 * (they describe the window it was measured in); its throughput is its own requests over the step's measured seconds,
 * and its sloOutcome is empty, since the SLO is judged per step. Stateless.
 */
public final class CsvExport {
    /** The header row's columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "kind",
            "index",
            "request",
            "profile",
            "workers",
            "repeat",
            "status",
            "requests",
            "errors",
            "throughputRps",
            "p50Ms",
            "p90Ms",
            "p99Ms",
            "maxMs",
            "measuredSeconds",
            "generatorBound",
            "unsteady",
            "sloOutcome");

    private static final String CRLF = "\r\n";

    private CsvExport() {}

    /** The CSV of {@code run} (as the API shows it, SLO-judged). */
    public static String write(RunView run) {
        StringBuilder out = new StringBuilder();
        row(out, COLUMNS);
        for (StepView step : run.steps()) {
            row(out, stepRow(step));
            Map<String, RequestView> requests = step.byRequest() == null ? Map.of() : step.byRequest();
            for (Map.Entry<String, RequestView> request : requests.entrySet()) {
                row(out, requestRow(step, request.getKey(), request.getValue()));
            }
        }
        return out.toString();
    }

    private static List<String> stepRow(StepView step) {
        List<String> cells = common(step, "step", "");
        cells.add(Long.toString(step.requests()));
        cells.add(Long.toString(step.errors()));
        cells.add(number(step.throughputRps()));
        latency(cells, step.latencyMs());
        window(cells, step);
        cells.add(step.slo() == null ? "" : step.slo().outcome().name().toLowerCase(Locale.ROOT));
        return cells;
    }

    private static List<String> requestRow(StepView step, String name, RequestView request) {
        List<String> cells = common(step, "request", name);
        cells.add(Long.toString(request.requests()));
        cells.add(Long.toString(request.errors()));
        cells.add(step.measuredSeconds() > 0 ? number(request.requests() / step.measuredSeconds()) : "0");
        latency(cells, request.latencyMs());
        window(cells, step);
        cells.add("");
        return cells;
    }

    private static List<String> common(StepView step, String kind, String request) {
        List<String> cells = new ArrayList<>();
        cells.add(kind);
        cells.add(Integer.toString(step.index()));
        cells.add(request);
        cells.add(step.profile() == null ? "" : step.profile());
        cells.add(step.workers() == null ? "" : step.workers().toString());
        cells.add(Integer.toString(step.repeat()));
        cells.add(step.status().name());
        return cells;
    }

    private static void latency(List<String> cells, LatencyMs latency) {
        LatencyMs l = latency == null ? LatencyMs.EMPTY : latency;
        cells.add(Long.toString(l.p50()));
        cells.add(Long.toString(l.p90()));
        cells.add(Long.toString(l.p99()));
        cells.add(Long.toString(l.max()));
    }

    private static void window(List<String> cells, StepView step) {
        cells.add(number(step.measuredSeconds()));
        cells.add(Boolean.toString(step.generatorBound()));
        cells.add(Boolean.toString(step.unsteady()));
    }

    /** Plain decimal, never exponent notation, so every spreadsheet reads it as a number. */
    private static String number(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).toPlainString() : "";
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append(CRLF);
    }

    /** One field, quoted (with quotes doubled) when it holds a comma, quote, CR or LF; otherwise as it is. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
