package dev.loadlab.agent.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Cumulative compile times as a cold agent's JVM reported them, one per second of its warm-up. */
class QuietJitTest {
    @Test
    void aColdAgentsCompilerGoesQuietOnceAWindowHoldsAtMostOnePercentOfCompiling() {
        long[] totals = {3440, 4719, 5754, 6721, 7632, 8726, 8920, 8972, 8975, 8976, 8988, 9001, 9002};
        QuietJit jit = new QuietJit(5, QuietJit.MAX_SHARE);
        int quietAt = -1;
        for (int i = 0; i < totals.length && quietAt < 0; i++) {
            if (jit.add(totals[i])) {
                quietAt = i;
            }
        }

        // Seconds 7..12: 8972 -> 9002, 30 ms in 5 s; every window before held more than 50 ms.
        assertThat(quietAt).isEqualTo(12);
        assertThat(jit.compiledMs()).isEqualTo(30);
    }

    @Test
    void aBurstOfCompilingInTheWindowIsNotQuietAndTooFewSecondsNeverAre() {
        QuietJit jit = new QuietJit(3, QuietJit.MAX_SHARE);
        assertThat(jit.add(100)).isFalse();
        assertThat(jit.add(100)).isFalse();
        assertThat(jit.add(110)).isFalse();
        assertThat(jit.add(120)).as("20 ms in 3 s").isTrue();
        assertThat(jit.add(400)).as("a burst of 300 ms").isFalse();
        assertThat(jit.compiledMs()).isEqualTo(300);
    }

    @Test
    void itRefusesATotalThatFallsAndBoundsOutOfRange() {
        QuietJit jit = new QuietJit(2, 0.01);
        jit.add(50);
        assertThatThrownBy(() -> jit.add(40)).hasMessageContaining("never falling");
        assertThatThrownBy(() -> new QuietJit(1, 0.01)).hasMessageContaining("window must be >= 2");
        assertThatThrownBy(() -> new QuietJit(5, 0)).hasMessageContaining("maxShare must be in (0, 1)");
    }
}
