package dev.loadlab.it;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a condition by checking it repeatedly until a deadline; fails with what was awaited and last seen. */
final class Poll {
    private Poll() {}

    static <T> T until(String what, Duration timeout, Supplier<Optional<T>> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> value = check.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }
}
