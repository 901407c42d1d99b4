package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Closed seconds summed per request name, exactly: counts, errors by kind, failed checks by label and the histogram.
 * The step's measured total is one; each stage of a staged step is another. Not thread-safe: {@link StepRecorder}
 * adds to it under its reader lock.
 */
final class SecondsTotal {
    private final List<String> names;
    private final long[] requests;
    private final Map<String, Long>[] errorsByKind;
    private final Map<String, Long>[] failedChecks;
    private final Histogram[] histograms;
    private long seconds;

    @SuppressWarnings("unchecked")
    SecondsTotal(List<String> names) {
        this.names = List.copyOf(names);
        int n = names.size();
        requests = new long[n];
        errorsByKind = new Map[n];
        failedChecks = new Map[n];
        histograms = new Histogram[n];
        for (int i = 0; i < n; i++) {
            errorsByKind[i] = new LinkedHashMap<>();
            failedChecks[i] = new TreeMap<>();
            histograms[i] = HistogramCodec.newHistogram();
        }
    }

    /** Adds one closed second, every request name of it. */
    void add(StepSecond second) {
        seconds++;
        for (int slot = 0; slot < names.size(); slot++) {
            requests[slot] += second.count(slot);
            Map<String, Long> kinds = errorsByKind[slot];
            second.errorsByKind(slot).forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
            Map<String, Long> checks = failedChecks[slot];
            second.failedChecks(slot).forEach((label, n) -> checks.merge(label, n, Long::sum));
            histograms[slot].add(second.histogram(slot));
        }
    }

    /** How many seconds were added. */
    long seconds() {
        return seconds;
    }

    /** One result per request name, in name order. */
    List<RequestResult> results() {
        List<RequestResult> results = new ArrayList<>(names.size());
        for (int slot = 0; slot < names.size(); slot++) {
            long errors = errorsByKind[slot].values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            results.add(new RequestResult(
                    names.get(slot),
                    requests[slot],
                    errors,
                    errorsByKind[slot],
                    HistogramCodec.toBase64(histograms[slot]),
                    failedChecks[slot]));
        }
        return results;
    }
}
