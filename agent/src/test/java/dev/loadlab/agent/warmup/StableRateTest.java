package dev.loadlab.agent.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StableRateTest {
    @Test
    void aRampIsNeverStable() {
        StableRate rate = new StableRate(5, 0.03);
        for (int second = 0; second < 60; second++) {
            // 5 % more each second: every window spans more than 3 % either side of its mean.
            assertThat(rate.add(1000 * Math.pow(1.05, second)))
                    .as("second %d", second)
                    .isFalse();
        }
        assertThat(rate.seconds()).isEqualTo(60);
    }

    @Test
    void aSteadyNoisySeriesWithinTheToleranceIsStableAfterExactlyTheWindow() {
        StableRate rate = new StableRate(5, 0.03);
        double[] noisy = {10_000, 10_200, 9_850, 10_100, 9_900};
        for (int i = 0; i < 4; i++) {
            assertThat(rate.add(noisy[i])).as("second %d of 5", i).isFalse();
        }
        assertThat(rate.add(noisy[4])).isTrue();
        assertThat(rate.mean()).isEqualTo(10_010.0);
    }

    @Test
    void aSecondOutsideTheToleranceOfTheMeanIsNotStable() {
        StableRate rate = new StableRate(3, 0.03);
        rate.add(1000);
        rate.add(1000);
        // Mean 1020: 1060 is 3.9 % above it.
        assertThat(rate.add(1060)).isFalse();
    }

    @Test
    void aJumpAfterAStableStretchStartsTheCountAgain() {
        StableRate rate = new StableRate(4, 0.03);
        rate.add(800); // the cold first second
        for (int i = 0; i < 3; i++) {
            assertThat(rate.add(1000)).isFalse();
        }
        assertThat(rate.add(1000)).isTrue();

        assertThat(rate.add(1500)).as("the jump").isFalse();
        for (int i = 0; i < 2; i++) {
            assertThat(rate.add(1500)).as("%d s after the jump", i + 1).isFalse();
        }
        assertThat(rate.add(1500)).as("a whole window after the jump").isTrue();
        assertThat(rate.mean()).isEqualTo(1500.0);
    }

    @Test
    void noTrafficIsNeverStable() {
        StableRate rate = new StableRate(2, 0.5);
        assertThat(rate.add(0)).isFalse();
        assertThat(rate.add(0)).isFalse();
        assertThat(rate.mean()).isZero();
    }

    @Test
    void theMeanCoversTheSecondsSoFarUntilTheWindowIsFull() {
        StableRate rate = new StableRate(5, 0.03);
        assertThat(rate.mean()).isZero();
        rate.add(100);
        rate.add(300);
        assertThat(rate.mean()).isEqualTo(200.0);
    }

    @Test
    void boundsAreCheckedAndNamed() {
        assertThatThrownBy(() -> new StableRate(1, 0.03)).hasMessageContaining("window must be >= 2");
        assertThatThrownBy(() -> new StableRate(5, 0)).hasMessageContaining("tolerance must be in (0, 0.5]");
        assertThatThrownBy(() -> new StableRate(5, 0.6)).hasMessageContaining("tolerance must be in (0, 0.5]");
        assertThatThrownBy(() -> new StableRate(5, 0.03).add(-1)).hasMessageContaining("perSecond");
    }
}
