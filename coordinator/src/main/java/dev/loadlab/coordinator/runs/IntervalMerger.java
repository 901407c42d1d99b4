package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Merges one step's per-second intervals across agents: a second is complete, and handed on exactly once, when every
 * agent still in the step has sent it (or when the step ends). Histograms are added, never averaged. Owned by the
 * scheduler's thread; not thread-safe.
 */
final class IntervalMerger {
    private static final class Second {
        final Set<String> reported = new HashSet<>();
        final Histogram histogram = HistogramCodec.newHistogram();
        final Map<String, long[]> byName = new TreeMap<>();
        final Map<String, Histogram> histogramByName = new TreeMap<>();
        final Map<String, Long> kinds = new TreeMap<>();
        final Map<String, Double> cpu = new TreeMap<>();
        boolean warmup;
        boolean behind;
    }

    /** A merged second ready to be stored, with its histogram and each request name's own (for the live metrics). */
    record Merged(TimelinePoint point, Histogram histogram, Map<String, Histogram> histogramByName) {}

    private final Map<Long, Second> open = new TreeMap<>();
    private final Set<String> agents;
    private final Consumer<Merged> sink;
    private final Integer probe;
    private long flushedThrough = -1;

    /** A merger for a plain step ({@code probe} null) or for one probe of a search step. */
    IntervalMerger(Set<String> agents, Integer probe, Consumer<Merged> sink) {
        this.agents = new HashSet<>(agents);
        this.probe = probe;
        this.sink = sink;
    }

    void add(Interval interval) {
        if (interval.second() <= flushedThrough || !agents.contains(interval.agentId())) {
            return;
        }
        Second second = open.computeIfAbsent(interval.second(), s -> new Second());
        if (!second.reported.add(interval.agentId())) {
            return;
        }
        second.warmup |= interval.warmup();
        second.behind |= interval.behindSchedule();
        second.cpu.put(interval.agentId(), interval.cpuShare());
        for (RequestResult request : interval.requests()) {
            Histogram histogram = HistogramCodec.fromBase64(request.histogram());
            second.histogram.add(histogram);
            second.histogramByName
                    .computeIfAbsent(request.name(), n -> HistogramCodec.newHistogram())
                    .add(histogram);
            long[] counts = second.byName.computeIfAbsent(request.name(), n -> new long[2]);
            counts[0] += request.requests();
            counts[1] += request.errors();
            request.errorsByKind().forEach((kind, n) -> second.kinds.merge(kind, n, Long::sum));
        }
        flushComplete();
    }

    /** The agent will send no more: seconds it has not sent are complete without it. */
    void agentGone(String agentId) {
        agents.remove(agentId);
        flushComplete();
    }

    /** The step ended: every second still open is handed on as it is. */
    void finish() {
        List<Long> remaining = new ArrayList<>(open.keySet());
        remaining.forEach(this::flush);
    }

    private void flushComplete() {
        for (Long s : new ArrayList<>(open.keySet())) {
            if (!open.get(s).reported.containsAll(agents)) {
                return;
            }
            flush(s);
        }
    }

    private void flush(long s) {
        Second second = open.remove(s);
        long requests = 0;
        long errors = 0;
        Map<String, TimelinePoint.NameCount> byName = new TreeMap<>();
        for (Map.Entry<String, long[]> e : second.byName.entrySet()) {
            requests += e.getValue()[0];
            errors += e.getValue()[1];
            byName.put(e.getKey(), new TimelinePoint.NameCount(e.getValue()[0], e.getValue()[1]));
        }
        flushedThrough = Math.max(flushedThrough, s);
        sink.accept(new Merged(
                new TimelinePoint(
                        s,
                        second.warmup,
                        requests,
                        errors,
                        second.kinds,
                        LatencyMs.of(second.histogram),
                        byName,
                        second.cpu,
                        second.behind,
                        probe),
                second.histogram,
                second.histogramByName));
    }
}
