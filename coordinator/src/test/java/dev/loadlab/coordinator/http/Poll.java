package dev.loadlab.coordinator.http;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition by checking it repeatedly until a deadline, as the integration tests' {@code Poll} does; fails
 * with what was awaited and the last value seen.
 */
final class Poll {
    private Poll() {}

    static <T> T until(String what, Duration timeout, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError(
                "timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last: " + last);
    }
}
