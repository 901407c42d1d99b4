package dev.loadlab.agent.warmup;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides when the JIT compiler has gone quiet: once it spent at most {@code maxShare} of the last {@code window}
 * seconds' wall time compiling ({@code CompilationMXBean.getTotalCompilationTime}, read once per second). That is the
 * cold generator's cost itself (compiler threads taking CPU a target on the same machine needs, interpreted code
 * running slower), and it settles even where the loopback rate keeps swinging with the machine's other load. Pure: no
 * clock, no I/O. Not thread-safe.
 */
final class QuietJit {
    /** At most 1 % of the window spent compiling: 50 ms over 5 s, where a cold agent compiles for about 1 s per s. */
    static final double MAX_SHARE = 0.01;

    private final int window;
    private final double maxShare;
    // The cumulative compile time at the end of each of the last window + 1 seconds.
    private final Deque<Long> totals = new ArrayDeque<>();

    QuietJit(int window, double maxShare) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2 seconds, was " + window);
        }
        if (!(maxShare > 0 && maxShare < 1)) {
            throw new IllegalArgumentException("maxShare must be in (0, 1), was " + maxShare);
        }
        this.window = window;
        this.maxShare = maxShare;
    }

    /** Adds the compiler's cumulative time at the end of the next second; returns {@link #quiet()} after it. */
    boolean add(long totalCompileMs) {
        if (totalCompileMs < 0 || (!totals.isEmpty() && totalCompileMs < totals.peekLast())) {
            throw new IllegalArgumentException(
                    "totalCompileMs must be cumulative (>= 0 and never falling), was " + totalCompileMs);
        }
        totals.addLast(totalCompileMs);
        if (totals.size() > window + 1) {
            totals.removeFirst();
        }
        return quiet();
    }

    /** True when the last {@code window} seconds held at most {@code maxShare} of their wall time of compiling. */
    boolean quiet() {
        return totals.size() == window + 1 && compiledMs() <= maxShare * window * 1000;
    }

    /** Compile time over the last {@code window} seconds (over all of them while fewer were added); 0 before two. */
    long compiledMs() {
        return totals.isEmpty() ? 0 : totals.peekLast() - totals.peekFirst();
    }
}
