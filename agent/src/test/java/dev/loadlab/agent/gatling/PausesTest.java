package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadlab.protocol.scenario.Pause;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PausesTest {
    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void fixedIsFixedAndNoneIsZero() {
        assertThat(Pauses.draw(Pause.fixed(Duration.ofMillis(200)), random)).isEqualTo(Duration.ofMillis(200));
        assertThat(Pauses.draw(null, random)).isZero();
    }

    @Test
    void uniformStaysWithinItsBoundsAndCentresOnTheMean() {
        Pause pause = new Pause(null, List.of(Duration.ofMillis(100), Duration.ofMillis(300)), null);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            Duration d = Pauses.draw(pause, random);
            assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
            sum += d.toNanos();
        }
        assertThat(sum / 20_000 / 1e6).isCloseTo(200, within(3.0));
        assertThat(Pauses.mean(pause)).isEqualTo(Duration.ofMillis(200));
        assertThat(Pauses.max(pause)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void exponentialHasItsMeanAndIsCappedAtTenTimesIt() {
        Pause pause = new Pause(null, null, Duration.ofMillis(100));
        double sum = 0;
        long max = 0;
        for (int i = 0; i < 50_000; i++) {
            long nanos = Pauses.draw(pause, random).toNanos();
            sum += nanos;
            max = Math.max(max, nanos);
        }
        // The cap at 10x the mean removes e^-10 of the mass: the mean stays within a few percent.
        assertThat(sum / 50_000 / 1e6).isCloseTo(100, within(3.0));
        assertThat(max).isLessThanOrEqualTo(Duration.ofMillis(1_000).toNanos());
        assertThat(max).isGreaterThan(Duration.ofMillis(500).toNanos());
        assertThat(Pauses.max(pause)).isEqualTo(Duration.ofMillis(1_000));
    }
}
