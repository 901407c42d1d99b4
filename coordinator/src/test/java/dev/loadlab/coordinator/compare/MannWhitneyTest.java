package dev.loadlab.coordinator.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed examples: mid-ranks, U, the tie-corrected variance, z and the two-sided normal p-value. */
class MannWhitneyTest {
    @Test
    void completelySeparatedSamples() {
        // Candidate ranks 6..10: R = 40, U = 40 - 15 = 25 = n1 n2; sigma^2 = 25 * 11 / 12; z = 12.5 / 4.7871 = 2.6112.
        MannWhitney.Result result = MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});

        assertThat(result.uCandidate()).isEqualTo(25);
        assertThat(result.z()).isCloseTo(2.611165, within(1e-6));
        // R: wilcox.test(1:5, 6:10, exact = FALSE, correct = FALSE)$p.value
        assertThat(result.pValue()).isCloseTo(0.0090234, within(1e-7));
    }

    @Test
    void tiesGetMidRanksAndShrinkTheVariance() {
        // Sorted: 1a 2a 2a 2b 3a 3a 3b 3b 4b 5b -> ranks 1, 3,3,3, 6.5 x4, 9, 10.
        // Candidate R = 3 + 6.5 + 6.5 + 9 + 10 = 35, U = 35 - 15 = 20.
        // Ties: t = 3 and t = 4 -> sum(t^3 - t) = 24 + 60 = 84; sigma^2 = 25/12 * (11 - 84/90) = 20.9722.
        // z = (20 - 12.5) / 4.57953 = 1.63772; p = erfc(z / sqrt 2) = 0.10148.
        MannWhitney.Result result = MannWhitney.test(new double[] {1, 2, 2, 3, 3}, new double[] {2, 3, 3, 4, 5});

        assertThat(result.uCandidate()).isEqualTo(20);
        assertThat(result.z()).isCloseTo(1.637718, within(1e-6));
        assertThat(result.pValue()).isCloseTo(0.101481, within(1e-6));
    }

    @Test
    void identicalConstantSamplesHaveNoVarianceAndPOne() {
        MannWhitney.Result result = MannWhitney.test(new double[] {5, 5, 5, 5, 5}, new double[] {5, 5, 5, 5, 5});

        assertThat(result.uCandidate()).isEqualTo(12.5);
        assertThat(result.z()).isZero();
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void identicalSpreadSamplesHaveZeroZAndPOne() {
        MannWhitney.Result result =
                MannWhitney.test(new double[] {10, 11, 12, 13, 14}, new double[] {14, 13, 12, 11, 10});

        assertThat(result.uCandidate()).isEqualTo(12.5);
        assertThat(result.z()).isZero();
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void swappingTheSidesNegatesZAndKeepsP() {
        double[] a = {100, 102, 98, 101, 99, 100, 103, 97};
        double[] b = {120, 118, 122, 121, 119, 117, 123, 120};

        MannWhitney.Result forward = MannWhitney.test(a, b);
        MannWhitney.Result backward = MannWhitney.test(b, a);

        assertThat(forward.uCandidate()).isEqualTo(64);
        assertThat(backward.uCandidate()).isZero();
        assertThat(backward.z()).isCloseTo(-forward.z(), within(1e-12));
        assertThat(backward.pValue()).isCloseTo(forward.pValue(), within(1e-15));
        // n = 16, one tie pair (t = 2 -> 6): sigma^2 = 64/12 * (17 - 6/240); z = 32 / 9.5081 = 3.36563.
        assertThat(forward.pValue()).isCloseTo(0.00076370, within(1e-8));
    }

    @Test
    void unequalSampleSizes() {
        // Candidate {4, 5} among {1, 2, 3}: ranks 4, 5, R = 9, U = 9 - 3 = 6 = n1 n2; sigma^2 = 6 * 6 / 12 = 3;
        // z = (6 - 3) / sqrt 3 = 1.73205; p = 0.083265.
        MannWhitney.Result result = MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5});

        assertThat(result.uCandidate()).isEqualTo(6);
        assertThat(result.z()).isCloseTo(Math.sqrt(3), within(1e-12));
        assertThat(result.pValue()).isCloseTo(0.0832645, within(1e-7));
    }

    @Test
    void emptySamplesAreRefusedByName() {
        assertThatThrownBy(() -> MannWhitney.test(new double[0], new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseline");
        assertThatThrownBy(() -> MannWhitney.test(new double[] {1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candidate");
    }
}
