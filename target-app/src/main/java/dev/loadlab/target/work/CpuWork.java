package dev.loadlab.target.work;

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
     * Measures now, on the calling thread: a warm-up of about 150 ms so that the JIT has compiled the loop, then the
     * best (fastest) of several trials of about 5 ms each. The best trial is the least disturbed one (by other
     * processes, the GC, or a still-compiling JIT); a slower machine state later shows up as longer answers, as it
     * should. Takes about 200 ms.
     */
    public static CpuWork calibrate() {
        long sink = 0;
        long warmUpIterations = 0;
        long warmUpStart = System.nanoTime();
        long warmUpNanos;
        do {
            sink += compute(sink, WARM_UP_CHUNK);
            warmUpIterations += WARM_UP_CHUNK;
            warmUpNanos = System.nanoTime() - warmUpStart;
        } while (warmUpNanos < WARM_UP_NANOS);

        // Size the trials from the warm-up's (pessimistic) rate so each lasts a few milliseconds: long enough for
        // System.nanoTime to be precise, short enough that a time slice lost to another process spoils only one trial.
        long roughPerMs = Math.max(1, warmUpIterations * 1_000_000L / warmUpNanos);
        long trialIterations = Math.max(1_000, roughPerMs * TRIAL_TARGET_MS);
        long best = 1;
        for (int trial = 0; trial < TRIALS; trial++) {
            long start = System.nanoTime();
            sink += compute(sink, trialIterations);
            long nanos = Math.max(1, System.nanoTime() - start);
            best = Math.max(best, trialIterations * 1_000_000L / nanos);
        }
        Blackhole.consume(sink);
        String method = "best of " + TRIALS + " single-thread trials of " + trialIterations
                + " iterations (about " + TRIAL_TARGET_MS + " ms each) after a " + WARM_UP_NANOS / 1_000_000
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
