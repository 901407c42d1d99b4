package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Every request of one step, as Gatling's users send them: sent, answered (status and response time) or left without a
 * response. A response completing before start + warm-up counts only as warm-up; later ones are measured, by request
 * name, with their response time in an HdrHistogram {@link Recorder}. The step starts when its first request is sent.
 * Thread-safe and non-blocking on the recording side, because Gatling calls it from its event loops.
 */
final class StepRecorder {
    static final String HTTP_4XX = "http_4xx";
    static final String HTTP_5XX = "http_5xx";
    static final String TRANSPORT = "transport";

    private static final long NOT_YET = Long.MIN_VALUE;

    private final LongSupplier clockMs;
    private final long warmupMs;
    private final PerName[] byIndex;
    private final List<PerName> byName;
    private final AtomicLong startMs = new AtomicLong(NOT_YET);
    private final AtomicLong lastMeasuredEndMs = new AtomicLong(NOT_YET);

    /** {@code names} in request-index order; a repeated name shares one tally. */
    StepRecorder(List<String> names, Duration warmup, LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.warmupMs = warmup.toMillis();
        Map<String, PerName> tallies = new LinkedHashMap<>();
        byIndex = new PerName[names.size()];
        for (int i = 0; i < names.size(); i++) {
            byIndex[i] = tallies.computeIfAbsent(names.get(i), PerName::new);
        }
        byName = List.copyOf(tallies.values());
    }

    /** A request is about to go out; the first one starts the step's clock. */
    void sent(int index) {
        startMs.compareAndSet(NOT_YET, clockMs.getAsLong());
        byIndex[index].sent.increment();
    }

    /** An HTTP response arrived (any status): counted, and timed if measured. */
    void answered(int index, int status, long responseTimeMs) {
        long now = clockMs.getAsLong();
        PerName tally = byIndex[index];
        String kind = status >= 500 ? HTTP_5XX : status >= 400 ? HTTP_4XX : null;
        if (inWarmup(now)) {
            tally.warmupCount(kind != null);
            return;
        }
        tally.recorder.recordValue(Math.min(Math.max(responseTimeMs, 0), HistogramCodec.HIGHEST_TRACKABLE_MS));
        tally.measuredCount(kind);
        lastMeasuredEndMs.accumulateAndGet(now, Math::max);
    }

    /** A request was sent but ended without any HTTP response (refused, reset, timed out). */
    void noResponse(int index) {
        long now = clockMs.getAsLong();
        PerName tally = byIndex[index];
        if (inWarmup(now)) {
            tally.warmupCount(true);
            tally.warmupNoResponse.increment();
            return;
        }
        tally.measuredCount(TRANSPORT);
        lastMeasuredEndMs.accumulateAndGet(now, Math::max);
    }

    boolean started() {
        return startMs.get() != NOT_YET;
    }

    /** Start + warm-up, or null before the first request. */
    Instant measuredFrom() {
        long start = startMs.get();
        return start == NOT_YET ? null : Instant.ofEpochMilli(start + warmupMs);
    }

    /** When the last measured request completed, or null if none did. */
    Instant measuredTo() {
        long last = lastMeasuredEndMs.get();
        return last == NOT_YET ? null : Instant.ofEpochMilli(last);
    }

    long sentTotal() {
        return byName.stream().mapToLong(t -> t.sent.sum()).sum();
    }

    long warmupRequests() {
        return byName.stream().mapToLong(t -> t.warmup.sum()).sum();
    }

    /** Requests sent that never reached {@link #answered} or {@link #noResponse}: users cut off mid-request. */
    long unaccounted() {
        return byName.stream().mapToLong(PerName::unaccounted).sum();
    }

    /** True when something was sent and not a single HTTP response came back. */
    boolean noResponseAtAll() {
        long sent = sentTotal();
        return sent > 0
                && byName.stream()
                                .mapToLong(t -> t.transport.sum() + t.warmupNoResponse.sum() + t.unaccounted())
                                .sum()
                        == sent;
    }

    /** What a live display needs: warm-up figures while warming up, measured figures after. */
    ProgressSnapshot progress() {
        long now = clockMs.getAsLong();
        long start = startMs.get();
        boolean warmingUp = inWarmup(now);
        long requests = 0;
        long errors = 0;
        for (PerName tally : byName) {
            requests += warmingUp ? tally.warmup.sum() : tally.measured.sum();
            errors += warmingUp ? tally.warmupErrors.sum() : tally.errors();
        }
        double elapsed = start == NOT_YET ? 0 : (now - start) / 1000.0;
        return new ProgressSnapshot(warmingUp, requests, errors, elapsed);
    }

    /**
     * One result per request name. Requests sent but never completed are counted as measured {@code transport} errors
     * when {@code countUnansweredAsErrors} (a run that ended normally, where that means a lost request) and left out
     * otherwise (a stopped run, where Gatling dropped users mid-request on purpose).
     */
    List<RequestResult> results(boolean countUnansweredAsErrors) {
        List<RequestResult> results = new ArrayList<>(byName.size());
        for (PerName tally : byName) {
            long lost = countUnansweredAsErrors ? tally.unaccounted() : 0;
            Map<String, Long> byKind = new LinkedHashMap<>();
            putIfPositive(byKind, HTTP_4XX, tally.http4xx.sum());
            putIfPositive(byKind, HTTP_5XX, tally.http5xx.sum());
            putIfPositive(byKind, TRANSPORT, tally.transport.sum() + lost);
            results.add(new RequestResult(
                    tally.name,
                    tally.measured.sum() + lost,
                    tally.errors() + lost,
                    byKind,
                    HistogramCodec.toBase64(tally.histogram())));
        }
        return results;
    }

    private boolean inWarmup(long nowMs) {
        long start = startMs.get();
        return start == NOT_YET || nowMs < start + warmupMs;
    }

    private static void putIfPositive(Map<String, Long> map, String key, long value) {
        if (value > 0) {
            map.put(key, value);
        }
    }

    /** Progress figures at one instant. */
    record ProgressSnapshot(boolean warmingUp, long requests, long errors, double elapsedSeconds) {}

    /** The tallies of one request name; adders because many event-loop threads record at once. */
    private static final class PerName {
        final String name;
        final LongAdder sent = new LongAdder();
        final LongAdder warmup = new LongAdder();
        final LongAdder warmupErrors = new LongAdder();
        final LongAdder warmupNoResponse = new LongAdder();
        final LongAdder measured = new LongAdder();
        final LongAdder http4xx = new LongAdder();
        final LongAdder http5xx = new LongAdder();
        final LongAdder transport = new LongAdder();
        final Recorder recorder =
                new Recorder(1, HistogramCodec.HIGHEST_TRACKABLE_MS, HistogramCodec.SIGNIFICANT_DIGITS);
        // Interval histograms are folded in here, so reading the total never loses what the recorder held.
        private final Histogram total = HistogramCodec.newHistogram();

        PerName(String name) {
            this.name = name;
        }

        void warmupCount(boolean error) {
            warmup.increment();
            if (error) {
                warmupErrors.increment();
            }
        }

        void measuredCount(String errorKind) {
            measured.increment();
            if (HTTP_4XX.equals(errorKind)) {
                http4xx.increment();
            } else if (HTTP_5XX.equals(errorKind)) {
                http5xx.increment();
            } else if (TRANSPORT.equals(errorKind)) {
                transport.increment();
            }
        }

        long errors() {
            return http4xx.sum() + http5xx.sum() + transport.sum();
        }

        long unaccounted() {
            return Math.max(0, sent.sum() - warmup.sum() - measured.sum());
        }

        synchronized Histogram histogram() {
            total.add(recorder.getIntervalHistogram());
            return total.copy();
        }
    }
}
