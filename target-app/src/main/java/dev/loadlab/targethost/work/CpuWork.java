package dev.loadlab.targethost.work;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Calibrated CPU work of one core: {@code /cpu?ms=N} runs {@code N × iterationsPerMs} iterations of a loop the JIT can
 * neither remove nor hoist, so under contention (more busy threads than cores, or an interpreter lock) its wall time
 * grows the way real CPU-bound code does, rather than the way a spin on the clock would. Immutable and thread-safe.
 *
 * <p>Each iteration depends on the previous one (multiply, xor-shift, add of the counter), so the loop cannot be
 * vectorised, reduced to a closed form or split across iterations; its result is returned and written into the response,
 * so it cannot be discarded as dead code. The counter is a {@code long} so that C2 keeps safepoint polls in the loop: a
 * 60-second computation must not hold up garbage collection for the whole JVM.
 */
public final class CpuWork {
    /** Iterations per warm-up call: small enough that the method itself (not only an on-stack replacement) compiles. */
    private static final int WARM_UP_CHUNK = 10_000;

    private static final long WARM_UP_NANOS = 150_000_000L;
    private static final long PLATEAU_NANOS = 100_000_000L;
    private static final long WINDOW_NANOS = 5_000_000L;
    private static final long MAX_WARM_UP_WALL_NANOS = 3_000_000_000L;
    private static final int TRIALS = 9;
    private static final long TRIAL_TARGET_MS = 5;

    private final CpuCalibration calibration;

    private CpuWork(CpuCalibration calibration) {
        this.calibration = calibration;
    }

    /** Uses a calibration measured elsewhere, e.g. once by a supervisor for all the worker processes it starts. */
    public static CpuWork of(CpuCalibration calibration) {
        return new CpuWork(calibration);
    }

    /**
     * The calibration of this JVM, measured on first use and then shared: the figure belongs to the machine, and a
     * second measurement taken while servers in the same JVM are busy would only be worse.
     */
    public static CpuWork calibrated() {
        return Shared.INSTANCE;
    }

    /**
     * Measures now, on the calling thread, in this thread's own CPU time (so time slices lost to other processes on a
     * busy machine do not count): a warm-up that lasts until the JIT has visibly finished with the loop (at least 150
     * ms, then until the rate has not improved by more than 3% for 100 ms, at most 3 s of wall time: on a loaded
     * machine the compiler thread itself waits for a core), then the best (fastest) of several trials of about 5 ms
     * each. Takes about 250 ms on an idle machine.
     */
    public static CpuWork calibrate() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        LongSupplier clock = cpuClock ? threads::getCurrentThreadCpuTime : System::nanoTime;
        long sink = 0;
        long wallStart = System.nanoTime();
        long warmUpStart = clock.getAsLong();
        long bestWindowRate = 0;
        long lastImprovement = warmUpStart;
        long now = warmUpStart;
        while (System.nanoTime() - wallStart < MAX_WARM_UP_WALL_NANOS
                && (now - warmUpStart < WARM_UP_NANOS || now - lastImprovement < PLATEAU_NANOS)) {
            long windowStart = clock.getAsLong();
            long iterations = 0;
            do {
                sink += compute(sink, WARM_UP_CHUNK);
                iterations += WARM_UP_CHUNK;
                now = clock.getAsLong();
            } while (now - windowStart < WINDOW_NANOS);
            long rate = iterations * 1_000_000L / Math.max(1, now - windowStart);
            if (rate > bestWindowRate + bestWindowRate * 3 / 100) {
                bestWindowRate = rate;
                lastImprovement = now;
            }
        }
        long warmUpMs = (now - warmUpStart) / 1_000_000;

        // Trials of a few milliseconds each: long enough for the clock to be precise, short enough that a disturbance
        // (a GC, a migration to another core) spoils only one of them.
        long trialIterations = Math.max(1_000, bestWindowRate * TRIAL_TARGET_MS);
        long best = 1;
        for (int trial = 0; trial < TRIALS; trial++) {
            long start = clock.getAsLong();
            sink += compute(sink, trialIterations);
            long nanos = Math.max(1, clock.getAsLong() - start);
            best = Math.max(best, trialIterations * 1_000_000L / nanos);
        }
        Blackhole.consume(sink);
        String method = "best of " + TRIALS + " single-thread trials of " + trialIterations
                + " iterations (about " + TRIAL_TARGET_MS + " ms each, timed by "
                + (cpuClock ? "the thread's CPU clock" : "the wall clock") + ") after a " + warmUpMs
                + " ms JIT warm-up, on " + Runtime.version() + " with "
                + Runtime.getRuntime().availableProcessors()
                + " processors";
        return new CpuWork(new CpuCalibration(best, method));
    }

    public CpuCalibration calibration() {
        return calibration;
    }

    /** Iterations that make {@code ms} milliseconds of work; throws if that overflows a {@code long}. */
    public long iterationsFor(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("ms must be >= 0, was " + ms);
        }
        return Math.multiplyExact(ms, calibration.iterationsPerMs());
    }

    /** Runs {@code ms} milliseconds of CPU work on the calling thread and returns its result. */
    public long burn(long ms, long seed) {
        return compute(seed, iterationsFor(ms));
    }

    /**
     * The loop itself: a pure function, the same result for the same {@code seed} and {@code iterations}, so a test can
     * check that the work really ran.
     */
    public static long compute(long seed, long iterations) {
        return computeRange(seed, 0, iterations);
    }

    /**
     * Iterations {@code from} (inclusive) to {@code to} (exclusive) of the loop: {@code computeRange(computeRange(s, 0,
     * k), k, n)} equals {@code compute(s, n)}, so a caller may run the work in slices (the interpreter lock checks for a
     * hand-over between slices) and still get the same result.
     */
    public static long computeRange(long seed, long from, long to) {
        long x = seed;
        for (long i = from; i < to; i++) {
            x ^= x >>> 31;
            x *= 0x9E3779B97F4A7C15L;
            x += i;
        }
        return x;
    }

    /** Lazily calibrated once per JVM (holder idiom: the class initialiser runs once, thread-safely). */
    private static final class Shared {
        static final CpuWork INSTANCE = calibrate();
    }

    /** Keeps the calibration's results alive without printing them: a volatile write the JIT must perform. */
    private static final class Blackhole {
        @SuppressWarnings("unused")
        private static volatile long sink;

        static void consume(long value) {
            sink = value;
        }
    }
}
