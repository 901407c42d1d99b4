package dev.loadlab.coordinator.steady;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SteadinessCheckTest {
    /** {@code n} seconds around {@code mean} with uniform noise of +-{@code noise} (a share), from {@code seed}. */
    private static double[] noisy(int n, double mean, double noise, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, n)
                .mapToDouble(i -> mean * (1 + noise * (2 * random.nextDouble() - 1)))
                .toArray();
    }

    @Test
    void aRampIsUnsteadyWithItsDriftTrendAndAPlainReason() {
        // The cold agent: 282 -> 342 req/s, here over 30 s with +-2 % noise.
        double[] ramp = noisy(30, 1, 0.02, 7);
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] *= 282 + 60.0 * i / 29;
        }

        Steadiness s = SteadinessCheck.judge(ramp, null);

        assertThat(s.unsteady()).isTrue();
        assertThat(s.throughput().unsteady()).isTrue();
        assertThat(s.throughput().seconds()).isEqualTo(30);
        assertThat(s.throughput().drift()).isBetween(0.13, 0.19);
        assertThat(s.throughput().mannKendallZ()).isGreaterThan(5);
        assertThat(s.throughput().pValue()).isLessThan(1e-6);
        assertThat(s.throughput().senSlopePerSecond()).isCloseTo(60.0 / 29, within(0.4));
        assertThat(s.targetCpu()).isNull();
        assertThat(s.reason())
                .startsWith("throughput drifted +")
                .contains("of 30 measured seconds (Mann-Kendall z = ")
                .contains("the bound is 5 %")
                .endsWith(": not one steady state");
    }

    @Test
    void aSteadyNoisySeriesPassesWithItsSpreadReported() {
        Steadiness s = SteadinessCheck.judge(noisy(30, 340, 0.08, 11), null);

        assertThat(s.unsteady()).isFalse();
        assertThat(s.reason()).isNull();
        assertThat(s.throughput().cv()).isBetween(0.02, 0.07);
        assertThat(s.throughput().mean()).isCloseTo(340, within(10.0));
    }

    @Test
    void noiseAloneIsNotFlaggedOverTwoHundredSeededSeries() {
        // +-5 % uniform noise (CV 2.9 %, a busy shared machine): never flagged.
        assertThat(flagged(0.05)).isZero();
        // +-10 % (CV 5.8 %): a few, at most the 5 % a test at p < 0.05 allows, since the drift bound must also break.
        assertThat(flagged(0.10)).isLessThanOrEqualTo(10);
    }

    private static long flagged(double noise) {
        return IntStream.range(0, 200)
                .filter(seed ->
                        SteadinessCheck.judge(noisy(20, 300, noise, seed), null).unsteady())
                .count();
    }

    @Test
    void aSignificantButSmallTrendIsWithinTheBound() {
        double[] slow = IntStream.range(0, 30).mapToDouble(i -> 300 + i * 0.3).toArray();

        Steadiness s = SteadinessCheck.judge(slow, null);

        assertThat(s.throughput().pValue()).isLessThan(0.001);
        assertThat(Math.abs(s.throughput().drift())).isLessThan(Steadiness.DRIFT_LIMIT);
        assertThat(s.unsteady()).isFalse();
    }

    @Test
    void aDropHalfWayIsUnsteadyFalling() {
        double[] drop =
                IntStream.range(0, 20).mapToDouble(i -> i < 10 ? 300 : 270).toArray();

        Steadiness s = SteadinessCheck.judge(drop, null);

        assertThat(s.unsteady()).isTrue();
        assertThat(s.throughput().drift()).isCloseTo(-0.1, within(1e-9));
        assertThat(s.reason()).startsWith("throughput drifted -10.0 % from the first third (300.0 req/s)");
    }

    @Test
    void theTargetsCpuIsJudgedToo() {
        double[] cores = IntStream.range(0, 20).mapToDouble(i -> 1.0 + 0.02 * i).toArray();

        Steadiness s = SteadinessCheck.judge(noisy(20, 300, 0.01, 3), cores);

        assertThat(s.throughput().unsteady()).isFalse();
        assertThat(s.targetCpu().unsteady()).isTrue();
        assertThat(s.targetCpu().metric()).isEqualTo("target cores");
        assertThat(s.unsteady()).isTrue();
        assertThat(s.reason()).startsWith("the target's CPU drifted +").contains("cores)");
    }

    @Test
    void anIdleTargetOrATooShortWindowIsNotJudged() {
        double[] idle = IntStream.range(0, 20).mapToDouble(i -> 0.001 * i).toArray();

        assertThat(SteadinessCheck.judge(noisy(20, 300, 0.01, 3), idle).targetCpu())
                .isNull();
        assertThat(SteadinessCheck.judge(new double[] {300, 301, 299, 300}, null))
                .isNull();
        assertThat(SteadinessCheck.judge(new double[] {300, 301, 299, 300, 300}, null))
                .isNotNull();
    }

    @Test
    void aLongWindowIsAveragedIntoBuckets() {
        double[] hour = noisy(3600, 500, 0.05, 5);

        Steadiness s = SteadinessCheck.judge(hour, null);

        assertThat(s.throughput().seconds()).isEqualTo(3600);
        assertThat(SteadinessCheck.buckets(hour)).hasSize(SteadinessCheck.MAX_POINTS);
        assertThat(SteadinessCheck.buckets(hour)[0])
                .isCloseTo(SteadinessCheck.mean(Arrays.copyOf(hour, 6)), within(1e-9));
        assertThat(s.unsteady()).isFalse();
    }
}
