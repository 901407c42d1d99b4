package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

/**
 * The responses that completed in one second of a step, per request name (by slot): counts, errors by kind, failed
 * checks by label and response times. Recording is thread-safe and lock-free (adders and an {@link AtomicHistogram}); reading is meant for
 * after {@link StepRecorder} closed the second, when nothing records into it any more.
 */
final class StepSecond {
    private final long index;
    private final boolean warmup;
    private final long endMs;
    private final Tally[] tallies;
    private volatile StepSecond previous;

    StepSecond(long index, boolean warmup, long endMs, int slots, StepSecond previous) {
        this.index = index;
        this.warmup = warmup;
        this.endMs = endMs;
        this.previous = previous;
        tallies = new Tally[slots];
        for (int i = 0; i < slots; i++) {
            tallies[i] = new Tally();
        }
    }

    /** 0 for the step's first second. */
    long index() {
        return index;
    }

    boolean warmup() {
        return warmup;
    }

    /** Epoch ms at which this second ends (exclusive). */
    long endMs() {
        return endMs;
    }

    StepSecond previous() {
        return previous;
    }

    void forgetPrevious() {
        previous = null;
    }

    /** {@code count} completions of one kind; {@code responseTimeMs} < 0 means no response to time. */
    void record(int slot, String errorKind, long responseTimeMs, long count) {
        record(slot, errorKind, responseTimeMs, count, List.of());
    }

    /** As {@link #record(int, String, long, long)}, each of {@code failedChecks} counted once per completion. */
    void record(int slot, String errorKind, long responseTimeMs, long count, List<String> failedChecks) {
        Tally tally = tallies[slot];
        tally.count.add(count);
        if (errorKind != null) {
            switch (errorKind) {
                case StepRecorder.HTTP_4XX -> tally.http4xx.add(count);
                case StepRecorder.HTTP_5XX -> tally.http5xx.add(count);
                case StepRecorder.TRANSPORT -> tally.transport.add(count);
                case StepRecorder.TIMEOUT -> tally.timeout.add(count);
                case StepRecorder.CHECK -> tally.check.add(count);
                default -> throw new IllegalArgumentException("unknown error kind " + errorKind);
            }
        }
        for (String label : failedChecks) {
            tally.failedChecks.computeIfAbsent(label, l -> new LongAdder()).add(count);
        }
        if (responseTimeMs >= 0) {
            tally.histogram.recordValueWithCount(responseTimeMs, count);
        }
    }

    long count(int slot) {
        return tallies[slot].count.sum();
    }

    Map<String, Long> errorsByKind(int slot) {
        Tally tally = tallies[slot];
        Map<String, Long> byKind = new LinkedHashMap<>();
        putIfPositive(byKind, StepRecorder.HTTP_4XX, tally.http4xx.sum());
        putIfPositive(byKind, StepRecorder.HTTP_5XX, tally.http5xx.sum());
        putIfPositive(byKind, StepRecorder.TRANSPORT, tally.transport.sum());
        putIfPositive(byKind, StepRecorder.TIMEOUT, tally.timeout.sum());
        putIfPositive(byKind, StepRecorder.CHECK, tally.check.sum());
        return byKind;
    }

    /** How many times each check (by label) failed in this second; sorted by label, so the order is stable. */
    Map<String, Long> failedChecks(int slot) {
        Map<String, Long> byLabel = new TreeMap<>();
        tallies[slot].failedChecks.forEach((label, n) -> putIfPositive(byLabel, label, n.sum()));
        return byLabel;
    }

    Histogram histogram(int slot) {
        return tallies[slot].histogram;
    }

    /** One result per request name, in {@code names} order (the recorder's slots). */
    List<RequestResult> results(List<String> names) {
        List<RequestResult> results = new ArrayList<>(names.size());
        for (int slot = 0; slot < names.size(); slot++) {
            Map<String, Long> byKind = errorsByKind(slot);
            long errors = byKind.values().stream().mapToLong(Long::longValue).sum();
            results.add(new RequestResult(
                    names.get(slot),
                    count(slot),
                    errors,
                    byKind,
                    HistogramCodec.toBase64(histogram(slot)),
                    failedChecks(slot)));
        }
        return results;
    }

    private static void putIfPositive(Map<String, Long> map, String key, long value) {
        if (value > 0) {
            map.put(key, value);
        }
    }

    private static final class Tally {
        final LongAdder count = new LongAdder();
        final LongAdder http4xx = new LongAdder();
        final LongAdder http5xx = new LongAdder();
        final LongAdder transport = new LongAdder();
        final LongAdder timeout = new LongAdder();
        final LongAdder check = new LongAdder();
        // Labels are few (at most the request's checks and saves, plus missing variables), so the map stays small.
        final Map<String, LongAdder> failedChecks = new ConcurrentHashMap<>();
        final AtomicHistogram histogram =
                new AtomicHistogram(1, HistogramCodec.HIGHEST_TRACKABLE_MS, HistogramCodec.SIGNIFICANT_DIGITS);
    }
}
