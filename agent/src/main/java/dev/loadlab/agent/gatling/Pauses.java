package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.scenario.Pause;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Draws think times from a {@link Pause}: fixed, uniform between two bounds, or exponential capped at 10x the mean. */
final class Pauses {
    /** An exponential pause is cut here, as a multiple of its mean, so one unlucky draw cannot stall a user. */
    static final double EXPONENTIAL_CAP = 10;

    private Pauses() {}

    /** One draw; {@code Duration.ZERO} for a null pause. */
    static Duration draw(Pause pause, RandomGenerator random) {
        if (pause == null) {
            return Duration.ZERO;
        }
        if (pause.fixed() != null) {
            return pause.fixed();
        }
        if (pause.uniform() != null) {
            long low = pause.uniform().get(0).toNanos();
            long high = pause.uniform().get(1).toNanos();
            return high <= low ? Duration.ofNanos(low) : Duration.ofNanos(random.nextLong(low, high + 1));
        }
        if (pause.exponential() != null) {
            double mean = pause.exponential().toNanos();
            // 1 - U is in (0, 1], so the logarithm is finite.
            double drawn = -mean * Math.log(1 - random.nextDouble());
            return Duration.ofNanos((long) Math.min(drawn, EXPONENTIAL_CAP * mean));
        }
        return Duration.ZERO;
    }

    /** The longest a draw can be (the cap, for the exponential). */
    static Duration max(Pause pause) {
        if (pause == null) {
            return Duration.ZERO;
        }
        if (pause.fixed() != null) {
            return pause.fixed();
        }
        if (pause.uniform() != null) {
            Duration low = pause.uniform().get(0);
            Duration high = pause.uniform().get(1);
            return high.compareTo(low) > 0 ? high : low;
        }
        return pause.exponential() == null
                ? Duration.ZERO
                : Duration.ofNanos((long) (EXPONENTIAL_CAP * pause.exponential().toNanos()));
    }

    /** The mean of the pause's distribution (after the cap, for the exponential: close to the mean). */
    static Duration mean(Pause pause) {
        if (pause == null) {
            return Duration.ZERO;
        }
        if (pause.fixed() != null) {
            return pause.fixed();
        }
        if (pause.uniform() != null) {
            return pause.uniform().get(0).plus(pause.uniform().get(1)).dividedBy(2);
        }
        return pause.exponential() == null ? Duration.ZERO : pause.exponential();
    }
}
