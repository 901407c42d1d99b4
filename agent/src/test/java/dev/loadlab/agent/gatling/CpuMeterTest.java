package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuMeterTest {
    @Test
    void shareIsCpuTimeOverWallTimeTimesProcessors() {
        CpuMeter.Sample from = new CpuMeter.Sample(0, 0);
        assertThat(CpuMeter.share(from, new CpuMeter.Sample(1_000_000_000, 500_000_000), 2))
                .isEqualTo(0.25);
        assertThat(CpuMeter.share(from, new CpuMeter.Sample(1_000_000_000, 3_000_000_000L), 2))
                .isEqualTo(1.0);
    }

    @Test
    void unknownCpuTimeOrNoElapsedTimeGivesMinusOne() {
        CpuMeter.Sample from = new CpuMeter.Sample(0, -1);
        assertThat(CpuMeter.share(from, new CpuMeter.Sample(1_000, 10), 1)).isEqualTo(-1);
        assertThat(CpuMeter.share(new CpuMeter.Sample(5, 0), new CpuMeter.Sample(5, 10), 1))
                .isEqualTo(-1);
    }

    @Test
    void thisProcessReportsItsCpuTime() {
        CpuMeter.Sample first = CpuMeter.sample();
        long spin = 0;
        while (CpuMeter.sample().wallNanos() - first.wallNanos() < 50_000_000) {
            spin++;
        }
        double share = CpuMeter.share(first, CpuMeter.sample());
        assertThat(spin).isPositive();
        assertThat(share).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    }
}
