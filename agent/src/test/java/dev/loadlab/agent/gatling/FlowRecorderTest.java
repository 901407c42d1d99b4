package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.result.FlowResult;
import dev.loadlab.protocol.result.HistogramCodec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FlowRecorderTest {
    private final AtomicLong nowMs = new AtomicLong(1_000);
    private final AtomicLong measuredFromMs = new AtomicLong(Long.MIN_VALUE);
    private final FlowRecorder flows = new FlowRecorder(List.of("shopper", "browser"), measuredFromMs::get, nowMs::get);

    @Test
    void countsIterationsEndedInTheMeasuredWindowOnly() {
        flows.iterationEnded(0, 10, false); // before the start
        measuredFromMs.set(2_000);
        nowMs.set(1_999);
        flows.iterationEnded(0, 10, false); // warm-up
        nowMs.set(2_000);
        flows.iterationEnded(0, 250, false);
        flows.iterationEnded(0, 450, true);
        flows.iterationEnded(1, 30, false);
        flows.finish();
        flows.iterationEnded(1, 30, false); // after the end

        List<FlowResult> results = flows.results();
        assertThat(results).extracting(FlowResult::name).containsExactly("shopper", "browser");
        FlowResult shopper = results.get(0);
        assertThat(shopper.completed()).isEqualTo(2);
        assertThat(shopper.failed()).isEqualTo(1);
        Histogram durations = HistogramCodec.fromBase64(shopper.histogram());
        assertThat(durations.getTotalCount()).isEqualTo(2);
        assertThat(durations.getMaxValue()).isBetween(449L, 451L);
        assertThat(results.get(1).completed()).isEqualTo(1);
    }
}
