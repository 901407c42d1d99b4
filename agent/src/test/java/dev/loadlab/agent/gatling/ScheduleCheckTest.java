package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScheduleCheckTest {
    @Test
    void onScheduleOrSlightlyBehindIsNotBehind() {
        assertThat(ScheduleCheck.behind(50, 2.0, 100)).isFalse();
        assertThat(ScheduleCheck.behind(50, 2.0, 95)).isFalse(); // 5 behind: not more than 5
        assertThat(ScheduleCheck.behind(50, 0.0, 0)).isFalse();
    }

    @Test
    void behindNeedsMoreThanFiveArrivalsAndMoreThanFivePercent() {
        assertThat(ScheduleCheck.behind(50, 2.0, 94)).isTrue(); // 6 of 100
        assertThat(ScheduleCheck.behind(10_000, 1.0, 9_990)).isFalse(); // 10 of 10,000: 0.1 %
        assertThat(ScheduleCheck.behind(10_000, 1.0, 9_000)).isTrue();
        assertThat(ScheduleCheck.behind(2, 10.0, 15)).isFalse(); // 25 % behind, but only 5 arrivals
    }
}
