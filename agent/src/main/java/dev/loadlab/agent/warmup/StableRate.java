package dev.loadlab.agent.warmup;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides when a rate per second has settled: it is stable once each of the last {@code window} seconds is within
 * {@code tolerance} (a fraction) of those seconds' mean, and that mean is above zero. A window that contains a jump is
 * not stable, so a jump starts the count again. Pure: no clock, no I/O. Not thread-safe.
 */
final class StableRate {
    private final int window;
    private final double tolerance;
    private final Deque<Double> last = new ArrayDeque<>();
    private int seconds;

    StableRate(int window, double tolerance) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2 seconds, was " + window);
        }
        if (!(tolerance > 0 && tolerance <= 0.5)) {
            throw new IllegalArgumentException("tolerance must be in (0, 0.5], was " + tolerance);
        }
        this.window = window;
        this.tolerance = tolerance;
    }

    /** Adds the next second's rate; returns {@link #stable()} after it. */
    boolean add(double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be a finite rate >= 0, was " + perSecond);
        }
        last.addLast(perSecond);
        if (last.size() > window) {
            last.removeFirst();
        }
        seconds++;
        return stable();
    }

    /** True when the last {@code window} seconds are all within the tolerance of their mean. */
    boolean stable() {
        if (last.size() < window) {
            return false;
        }
        double mean = mean();
        if (mean <= 0) {
            return false;
        }
        for (double rate : last) {
            if (Math.abs(rate - mean) > tolerance * mean) {
                return false;
            }
        }
        return true;
    }

    /** The mean of the last {@code window} seconds (of all of them while fewer were added); 0 before the first. */
    double mean() {
        return last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** How many seconds were added in all. */
    int seconds() {
        return seconds;
    }
}
