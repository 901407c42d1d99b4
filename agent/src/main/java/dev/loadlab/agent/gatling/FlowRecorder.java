package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.result.FlowResult;
import dev.loadlab.protocol.result.HistogramCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Iterations of each flow's {@code steps}: how many ended inside the measured window (from {@code measuredFromMs}
 * until {@link #finish}), how many of those had an error in any request, and an exact histogram of their durations in
 * ms (pauses included). An iteration that ends in the warm-up or after {@link #finish} is not counted. Thread-safe:
 * one lock per flow, taken once per iteration, so the count and the histogram always agree.
 */
final class FlowRecorder {
    private final List<String> names;
    private final Tally[] tallies;
    private final LongSupplier measuredFromMs;
    private final LongSupplier clockMs;

    /** {@code measuredFromMs}: the measured window's start, epoch ms, or {@code Long.MIN_VALUE} while unknown. */
    FlowRecorder(List<String> names, LongSupplier measuredFromMs, LongSupplier clockMs) {
        this.names = List.copyOf(names);
        this.measuredFromMs = measuredFromMs;
        this.clockMs = clockMs;
        tallies = new Tally[names.size()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new Tally();
        }
    }

    /** Flow {@code flow}'s iteration ended now after {@code durationMs}; {@code failed} if any request had an error. */
    void iterationEnded(int flow, long durationMs, boolean failed) {
        long from = measuredFromMs.getAsLong();
        if (from == Long.MIN_VALUE || clockMs.getAsLong() < from) {
            return;
        }
        Tally tally = tallies[flow];
        synchronized (tally) {
            if (tally.finished) {
                return;
            }
            tally.completed++;
            if (failed) {
                tally.failed++;
            }
            tally.histogram.recordValue(Math.min(Math.max(durationMs, 0), HistogramCodec.HIGHEST_TRACKABLE_MS));
        }
    }

    /** Ends the counting: iterations that end later are ignored. */
    void finish() {
        for (Tally tally : tallies) {
            synchronized (tally) {
                tally.finished = true;
            }
        }
    }

    /** One result per flow, in plan order. */
    List<FlowResult> results() {
        List<FlowResult> results = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            Tally tally = tallies[i];
            synchronized (tally) {
                results.add(new FlowResult(
                        names.get(i), tally.completed, tally.failed, HistogramCodec.toBase64(tally.histogram)));
            }
        }
        return results;
    }

    private static final class Tally {
        final Histogram histogram = HistogramCodec.newHistogram();
        long completed;
        long failed;
        boolean finished;
    }
}
