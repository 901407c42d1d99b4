package dev.loadlab.coordinator.steady;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The four rows of six repeats: only the fresh agent's rose with every repeat. */
class RepeatCheckTest {
    @Test
    void theColdAgentsRepeatsDriftMonotonically() {
        Repeatability r = RepeatCheck.judge(List.of(282.0, 286.0, 290.0, 325.0, 333.0, 342.0));

        assertThat(r.repeats()).isEqualTo(6);
        assertThat(r.cv()).isCloseTo(0.0859, within(0.0001));
        assertThat(r.drift()).isCloseTo(60.0 / 282, within(1e-4));
        assertThat(r.monotoneDrift()).isTrue();
        assertThat(r.note())
                .isEqualTo("throughput rose across the repeats (282, 286, 290, 325, 333, 342 req/s, +21.3 % from the"
                        + " first to the last): something was still warming up between repeats, so they are not 6"
                        + " samples of one state");
    }

    @Test
    void warmRepeatsAgreeWithoutADrift() {
        Repeatability r = RepeatCheck.judge(List.of(346.0, 336.0, 330.0, 343.0, 342.0, 340.0));

        assertThat(r.cv()).isCloseTo(0.0168, within(0.0001));
        assertThat(r.monotoneDrift()).isFalse();
        assertThat(r.note()).isNull();
    }

    @Test
    void aSmallMonotoneRiseIsNoDriftAndAFallIsNamed() {
        assertThat(RepeatCheck.judge(List.of(340.0, 342.0, 344.0, 346.0)).monotoneDrift())
                .isFalse();
        Repeatability falling = RepeatCheck.judge(List.of(400.0, 380.0, 360.0));
        assertThat(falling.monotoneDrift()).isTrue();
        assertThat(falling.note())
                .startsWith("throughput fell across the repeats")
                .contains("wearing down");
    }

    @Test
    void twoRepeatsHaveASpreadButNoDriftAndOneHasNeither() {
        assertThat(RepeatCheck.judge(List.of(300.0, 360.0)).monotoneDrift()).isFalse();
        assertThat(RepeatCheck.judge(List.of(300.0, 360.0)).cv()).isGreaterThan(0.1);
        assertThat(RepeatCheck.judge(List.of(300.0))).isNull();
    }

    @Test
    void oneReversalDoesNotHideADriftThatTheTrendTestSees() {
        // A fresh stack's first run as measured: up by 25 %, with one small step back at the end.
        Repeatability r = RepeatCheck.judge(List.of(274.0, 287.0, 309.0, 318.0, 348.0, 344.0));

        assertThat(r.monotoneDrift()).isTrue();
        assertThat(r.note()).startsWith("throughput rose across the repeats (274, 287, 309, 318, 348, 344 req/s");
        assertThat(RepeatCheck.judge(List.of(300.0, 330.0, 290.0, 335.0)).monotoneDrift())
                .as("a zigzag is spread, not drift")
                .isFalse();
    }
}
