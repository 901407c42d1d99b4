package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Stage;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoadProfileTest {
    private static Stage users(int users, long rampMs, long holdMs) {
        return new Stage(users, null, Duration.ofMillis(rampMs), Duration.ofMillis(holdMs));
    }

    private static Stage rate(double rate, long rampMs, long holdMs) {
        return new Stage(null, rate, Duration.ofMillis(rampMs), Duration.ofMillis(holdMs));
    }

    @Test
    void levelRampsLinearlyFromThePreviousStageThenHolds() {
        LoadProfile profile =
                LoadProfile.of(List.of(users(8, 4_000, 2_000), users(2, 2_000, 0)), LoadModel.CLOSED, 0, 1);
        assertThat(profile.level(-5)).isZero();
        assertThat(profile.level(0)).isZero();
        assertThat(profile.level(1_000)).isEqualTo(2.0);
        assertThat(profile.level(3_000)).isEqualTo(6.0);
        assertThat(profile.level(4_000)).isEqualTo(8.0);
        assertThat(profile.level(5_999)).isEqualTo(8.0);
        assertThat(profile.level(7_000)).isEqualTo(5.0);
        assertThat(profile.level(8_000)).isEqualTo(2.0);
        assertThat(profile.level(60_000)).isEqualTo(2.0);
        assertThat(profile.totalMs()).isEqualTo(8_000);
        assertThat(profile.peak()).isEqualTo(8.0);
        assertThat(profile.startsMs()).containsExactly(0, 6_000);
        assertThat(profile.stageAt(5_999)).isZero();
        assertThat(profile.stageAt(6_000)).isEqualTo(1);
        assertThat(profile.stageAt(9_000)).isEqualTo(1);
    }

    @Test
    void aStageWithoutRampJumpsToItsLevel() {
        LoadProfile profile = LoadProfile.of(List.of(users(3, 0, 1_000), users(5, 0, 1_000)), LoadModel.CLOSED, 0, 1);
        assertThat(profile.level(1)).isEqualTo(3.0);
        assertThat(profile.level(999)).isEqualTo(3.0);
        assertThat(profile.level(1_000)).isEqualTo(5.0);
    }

    @Test
    void userIIsActiveWhileIIsBelowTheLevelAndActiveFromFindsWhen() {
        LoadProfile profile =
                LoadProfile.of(List.of(users(8, 4_000, 2_000), users(0, 2_000, 0)), LoadModel.CLOSED, 0, 1);
        assertThat(profile.active(0, 0)).isFalse();
        assertThat(profile.active(0, 1)).isTrue();
        assertThat(profile.active(7, 3_500)).isFalse();
        assertThat(profile.active(7, 3_501)).isTrue();
        assertThat(profile.activeFrom(7, 0)).isCloseTo(3_500, within(1e-9));
        assertThat(profile.activeFrom(3, 2_000)).isCloseTo(2_000, within(1e-9));
        assertThat(profile.activeFrom(0, 10)).isEqualTo(10);
        // Ramping down from 8 to 0 over 2 s: user 4 leaves at 7 s and never comes back.
        assertThat(profile.active(4, 6_900)).isTrue();
        assertThat(profile.active(4, 7_000)).isFalse();
        assertThat(profile.activeFrom(4, 7_000)).isInfinite();
        assertThat(profile.activeFrom(8, 0)).isInfinite();
    }

    @Test
    void activeFromLooksIntoLaterStages() {
        LoadProfile profile = LoadProfile.of(
                List.of(users(1, 0, 1_000), users(1, 0, 1_000), users(4, 1_000, 1_000)), LoadModel.CLOSED, 0, 1);
        assertThat(profile.activeFrom(1, 0)).isCloseTo(2_000, within(1e-9));
        assertThat(profile.activeFrom(2, 500)).isCloseTo(2_333.33, within(0.01));
        assertThat(profile.activeFrom(3, 2_900)).isEqualTo(2_900);
    }

    @Test
    void closedSharesSplitLikeTheCoordinatorAndAddUp() {
        assertThat(IntStream.range(0, 3).map(i -> LoadProfile.usersShare(8, 3, i)))
                .containsExactly(3, 3, 2);
        assertThat(IntStream.range(0, 4).map(i -> LoadProfile.usersShare(2, 4, i)))
                .containsExactly(1, 1, 0, 0);
        for (int users = 0; users < 30; users++) {
            for (int agents = 1; agents < 7; agents++) {
                int total = 0;
                for (int i = 0; i < agents; i++) {
                    total += LoadProfile.usersShare(users, agents, i);
                }
                assertThat(total).isEqualTo(users);
            }
        }
        LoadProfile third = LoadProfile.of(List.of(users(8, 1_000, 0), users(4, 0, 1_000)), LoadModel.CLOSED, 2, 3);
        // Agent 2 of 3 gets 2 of 8 users, then 1 of 4.
        assertThat(third.level(500)).isEqualTo(1.0);
        assertThat(third.level(999)).isCloseTo(2.0, within(0.01));
        assertThat(third.level(1_000)).isEqualTo(1.0);
        assertThatThrownBy(() -> LoadProfile.usersShare(8, 3, 3)).hasMessageContaining("agentIndex");
    }

    @Test
    void openSharesAreEvenAndArrivalsAreTheRatesIntegral() {
        assertThat(LoadProfile.rateShare(30, 4)).isEqualTo(7.5);
        LoadProfile profile = LoadProfile.of(List.of(rate(40, 2_000, 1_000), rate(20, 0, 1_000)), LoadModel.OPEN, 1, 2);
        assertThat(profile.level(1_000)).isEqualTo(10.0);
        assertThat(profile.arrivalsUntil(1_000)).isCloseTo(5, within(1e-9));
        assertThat(profile.arrivalsUntil(2_000)).isCloseTo(20, within(1e-9));
        assertThat(profile.arrivalsUntil(3_000)).isCloseTo(40, within(1e-9));
        assertThat(profile.arrivalsUntil(4_000)).isCloseTo(50, within(1e-9));
        assertThat(profile.arrivalsUntil(9_000)).isCloseTo(50, within(1e-9));
    }

    @Test
    void aStageWithoutLengthOrLevelNamesItself() {
        assertThatThrownBy(() -> LoadProfile.of(List.of(users(1, 0, 0)), LoadModel.CLOSED, 0, 1))
                .hasMessageContaining("stages[0]");
        assertThatThrownBy(() -> LoadProfile.of(List.of(rate(1, 10, 0), users(1, 10, 0)), LoadModel.OPEN, 0, 1))
                .hasMessageContaining("stages[1].rate");
    }
}
