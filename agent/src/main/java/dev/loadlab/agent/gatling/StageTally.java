package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measured seconds of a staged step, summed per stage: each closed second goes, whole, to the stage in which it
 * starts (seconds after the last stage's end, while users finish their iterations, go to the last stage), so the
 * stages add up exactly to the step's totals. Not thread-safe: {@link StepRecorder} folds into it under its reader
 * lock.
 */
final class StageTally {
    private final long[] startsMs;
    private final List<String> names;
    private final long[] seconds;
    private final long[][] requests;
    private final long[][] errors;
    private final Map<String, Long>[][] byKind;
    private final Map<String, Long>[][] failedChecks;
    private final Histogram[][] histograms;

    /** {@code startsMs}: each stage's start, ms since the step's start, ascending and the first 0. */
    @SuppressWarnings("unchecked")
    StageTally(long[] startsMs, List<String> names) {
        this.startsMs = startsMs.clone();
        this.names = List.copyOf(names);
        int stages = startsMs.length;
        int n = names.size();
        seconds = new long[stages];
        requests = new long[stages][n];
        errors = new long[stages][n];
        byKind = new Map[stages][n];
        failedChecks = new Map[stages][n];
        histograms = new Histogram[stages][n];
        for (int s = 0; s < stages; s++) {
            for (int i = 0; i < n; i++) {
                byKind[s][i] = new LinkedHashMap<>();
                failedChecks[s][i] = new LinkedHashMap<>();
                histograms[s][i] = HistogramCodec.newHistogram();
            }
        }
    }

    /** The stage that a second starting {@code ms} after the step's start belongs to. */
    int stageOf(long ms) {
        int stage = 0;
        while (stage + 1 < startsMs.length && startsMs[stage + 1] <= ms) {
            stage++;
        }
        return stage;
    }

    /** Adds one measured second that started {@code startMs} after the step's start; results in name order. */
    void add(long startMs, List<RequestResult> second) {
        int s = stageOf(startMs);
        seconds[s]++;
        for (int i = 0; i < names.size(); i++) {
            RequestResult r = second.get(i);
            requests[s][i] += r.requests();
            errors[s][i] += r.errors();
            Map<String, Long> kinds = byKind[s][i];
            r.errorsByKind().forEach((kind, count) -> kinds.merge(kind, count, Long::sum));
            Map<String, Long> checks = failedChecks[s][i];
            r.failedChecks().forEach((label, count) -> checks.merge(label, count, Long::sum));
            if (r.requests() > 0) {
                histograms[s][i].add(HistogramCodec.fromBase64(r.histogram()));
            }
        }
    }

    List<StageResult> results() {
        List<StageResult> results = new ArrayList<>(startsMs.length);
        for (int s = 0; s < startsMs.length; s++) {
            List<RequestResult> perName = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                perName.add(new RequestResult(
                        names.get(i),
                        requests[s][i],
                        errors[s][i],
                        byKind[s][i],
                        HistogramCodec.toBase64(histograms[s][i]),
                        failedChecks[s][i]));
            }
            results.add(new StageResult(s, seconds[s], perName));
        }
        return results;
    }
}
