package dev.loadlab.coordinator.steady;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values computed by hand from the textbook formulas (S, tie-corrected var(S), continuity correction). */
class MannKendallTest {
    @Test
    void aStrictlyRisingSeriesOfFiveIsSignificantAtFivePercent() {
        MannKendall.Result r = MannKendall.test(new double[] {1, 2, 3, 4, 5});

        assertThat(r.s()).isEqualTo(10);
        assertThat(r.z()).isCloseTo(2.2045407685, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.0274863361, within(1e-9));
        assertThat(r.senSlope()).isEqualTo(1.0);
    }

    @Test
    void aNoisyRiseWithTiesMatchesTheReference() {
        MannKendall.Result r = MannKendall.test(new double[] {10, 12, 11, 14, 13, 15, 15, 17, 16, 18});

        assertThat(r.s()).isEqualTo(38);
        // var(S) = (10 * 9 * 25 - 1 * 2 * 9) / 18 = 124: one pair of tied 15s.
        assertThat(r.z()).isCloseTo(37 / Math.sqrt(124), within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.000891513479, within(1e-10));
        assertThat(r.senSlope()).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void aFallWithTwoTiedPairsIsNegative() {
        MannKendall.Result r = MannKendall.test(new double[] {5, 3, 4, 4, 2, 1, 1});

        assertThat(r.s()).isEqualTo(-15);
        assertThat(r.z()).isCloseTo(-2.1517251822, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.0314190056, within(1e-9));
        assertThat(r.senSlope()).isCloseTo(-2.0 / 3, within(1e-12));
    }

    @Test
    void aFlatOrTooShortSeriesShowsNoTrend() {
        assertThat(MannKendall.test(new double[] {7, 7, 7, 7})).isEqualTo(new MannKendall.Result(0, 0, 1, 0));
        assertThat(MannKendall.test(new double[] {1, 2}).pValue()).isEqualTo(1);
        assertThat(MannKendall.test(new double[0]).pValue()).isEqualTo(1);
        assertThatThrownBy(() -> MannKendall.test(new double[] {1, Double.NaN})).hasMessageContaining("index 1");
    }
}
