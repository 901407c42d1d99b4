package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalMergerTest {
    private static final UUID RUN = UUID.randomUUID();

    private final List<IntervalMerger.Merged> out = new ArrayList<>();
    private final IntervalMerger merger = new IntervalMerger(Set.of("a", "b"), null, out::add);

    @Test
    void aSecondIsHandedOnOnceEveryAgentSentItMergedExactly() {
        merger.add(interval("a", 0, true, 10, 5));
        assertThat(out).isEmpty();

        merger.add(interval("b", 0, true, 20, 50));

        assertThat(out).hasSize(1);
        TimelinePoint point = out.get(0).point();
        assertThat(point.second()).isZero();
        assertThat(point.warmup()).isTrue();
        assertThat(point.requests()).isEqualTo(30);
        assertThat(point.byRequest().get("io")).isEqualTo(new TimelinePoint.NameCount(30, 0));
        Histogram both = HistogramCodec.newHistogram();
        both.recordValueWithCount(5, 10);
        both.recordValueWithCount(50, 20);
        assertThat(point.latencyMs()).isEqualTo(LatencyMs.of(both));
        assertThat(point.agentCpuShare()).containsOnlyKeys("a", "b");
    }

    @Test
    void secondsFlowInOrderAndAGoneAgentNoLongerHoldsThemBack() {
        merger.add(interval("a", 0, false, 1, 5));
        merger.add(interval("a", 1, false, 1, 5));
        merger.add(interval("b", 0, false, 1, 5));
        assertThat(out).extracting(m -> m.point().second()).containsExactly(0L);

        merger.agentGone("b");

        assertThat(out).extracting(m -> m.point().second()).containsExactly(0L, 1L);
    }

    @Test
    void duplicatesAndLateSecondsAreIgnoredAndFinishFlushesTheRest() {
        merger.add(interval("a", 0, false, 1, 5));
        merger.add(interval("a", 0, false, 1, 5));
        merger.add(interval("b", 0, false, 1, 5));
        merger.add(interval("b", 0, false, 100, 5));
        merger.add(interval("a", 3, false, 7, 5));

        merger.finish();

        assertThat(out).extracting(m -> m.point().requests()).containsExactly(2L, 7L);
    }

    @Test
    void eachRequestNameKeepsItsOwnMergedHistogramBesideTheSecondsOne() {
        merger.add(named("a", "home", 10, 5));
        merger.add(named("b", "search", 4, 80));

        IntervalMerger.Merged merged = out.getFirst();
        assertThat(merged.histogramByName()).containsOnlyKeys("home", "search");
        assertThat(merged.histogramByName().get("home").getTotalCount()).isEqualTo(10);
        assertThat(merged.histogramByName().get("search").getMaxValue()).isEqualTo(80);
        assertThat(merged.histogram().getTotalCount()).isEqualTo(14);
    }

    private static Interval named(String agent, String name, long count, long latency) {
        Histogram h = HistogramCodec.newHistogram();
        h.recordValueWithCount(latency, count);
        return new Interval(
                RUN,
                0,
                0,
                agent,
                0,
                false,
                List.of(new RequestResult(name, count, 0, Map.of(), HistogramCodec.toBase64(h))),
                0.5,
                false);
    }

    private static Interval interval(String agent, long second, boolean warmup, long count, long latency) {
        Histogram h = HistogramCodec.newHistogram();
        h.recordValueWithCount(latency, count);
        return new Interval(
                RUN,
                0,
                0,
                agent,
                second,
                warmup,
                List.of(new RequestResult("io", count, 0, Map.of(), HistogramCodec.toBase64(h))),
                0.5,
                false);
    }
}
