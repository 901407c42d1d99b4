package dev.loadlab.protocol.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramCodecTest {
    @Test
    void roundTripsThroughBytesAndBase64() {
        Histogram original = HistogramCodec.newHistogram();
        for (long v = 1; v <= 1000; v++) {
            original.recordValue(v);
        }
        original.recordValue(HistogramCodec.HIGHEST_TRACKABLE_MS);

        Histogram fromBytes = HistogramCodec.fromBytes(HistogramCodec.toBytes(original));
        Histogram fromBase64 = HistogramCodec.fromBase64(HistogramCodec.toBase64(original));

        assertThat(fromBytes).isEqualTo(original);
        assertThat(fromBase64).isEqualTo(original);
        assertThat(LatencyMs.of(fromBytes)).isEqualTo(LatencyMs.of(original));
    }

    @Test
    void percentilesOfSmallMillisecondValuesAreExact() {
        Histogram h = HistogramCodec.newHistogram();
        for (long v = 1; v <= 100; v++) {
            h.recordValue(v);
        }

        LatencyMs latency = LatencyMs.of(h);

        assertThat(latency).isEqualTo(new LatencyMs(50, 90, 99, 100, 100, 50.5));
    }

    @Test
    void anEmptyHistogramHasZeroLatency() {
        assertThat(LatencyMs.of(HistogramCodec.newHistogram())).isEqualTo(LatencyMs.EMPTY);
    }

    @Test
    void refusesBytesThatAreNotAHistogram() {
        assertThatThrownBy(() -> HistogramCodec.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                .isInstanceOf(RuntimeException.class);
    }
}
