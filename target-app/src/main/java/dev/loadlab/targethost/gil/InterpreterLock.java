package dev.loadlab.targethost.gil;

import dev.loadlab.targethost.work.CpuWork;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An emulation of CPython's global interpreter lock (the "new GIL" of CPython 3.2+, {@code Python/ceval_gil.c}): one
 * lock per process, held by a thread while it runs "Python code" (here: request handling and the calibrated CPU loop),
 * released around every wait, and handed over after the switch interval when another thread asks for it.
 *
 * <p>The algorithm:
 *
 * <ol>
 *   <li>{@link #acquire()}: a thread that wants the lock notes when it started waiting (the first waiter since the last
 *       hand-over records the time, like CPython's waiter starting its timed wait) and queues on a <em>fair</em> lock.
 *   <li>The holder runs CPU work in slices of {@link #CHECK_EVERY_ITERATIONS} iterations and calls {@link
 *       #checkSwitch()} between slices: CPython's eval-breaker check. If a thread is queued and the switch interval (5
 *       ms by default, {@code sys.getswitchinterval()}) has passed since the later of "the holder acquired" and "the
 *       first waiter began to wait", that is CPython's {@code gil_drop_request}: the holder releases.
 *   <li>Because the lock is fair, the release hands the lock to the longest-waiting thread, and the old holder queues
 *       again behind it (CPython's {@code FORCE_SWITCHING}: the dropping thread may not take the lock back before
 *       another thread got it). The new holder gets a full interval before it can be asked to drop.
 *   <li>{@link #releaseDuring} releases the lock around a wait (CPython's {@code Py_BEGIN_ALLOW_THREADS} around a
 *       blocking call such as {@code time.sleep} or a socket read) and re-acquires it afterwards, queueing like anyone.
 * </ol>
 *
 * A {@link #disabled()} lock does nothing: the free-threaded build. Thread-safe; the lock is not reentrant in spirit (a
 * thread acquires it once per request).
 */
public final class InterpreterLock {
    /** CPython's default switch interval, {@code sys.getswitchinterval()} = 0.005. */
    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

    /**
     * Iterations of {@link CpuWork}'s loop between two hand-over checks: a few microseconds of work, like the eval
     * breaker being polled every few bytecodes, so the check costs nothing measurable and a hand-over is never late by
     * more than a few microseconds.
     */
    public static final long CHECK_EVERY_ITERATIONS = 4_096;

    private static final InterpreterLock DISABLED = new InterpreterLock(null, 0);

    private final ReentrantLock lock;
    private final long intervalNanos;
    // When the current holder acquired (written by the holder only, read by the holder only: no race).
    private long acquiredAtNanos;
    // When the first thread began waiting since the last hand-over, 0 if none recorded.
    private final AtomicLong firstWaitNanos = new AtomicLong();

    private InterpreterLock(ReentrantLock lock, long intervalNanos) {
        this.lock = lock;
        this.intervalNanos = intervalNanos;
    }

    /** An enabled lock with the given switch interval (at least 1 µs). */
    public static InterpreterLock enabled(Duration switchInterval) {
        long nanos = switchInterval.toNanos();
        if (nanos < 1_000) {
            throw new IllegalArgumentException("switchInterval must be >= 1 µs, was " + switchInterval);
        }
        return new InterpreterLock(new ReentrantLock(true), nanos);
    }

    /** The lock of the free-threaded interpreter: every method returns at once. */
    public static InterpreterLock disabled() {
        return DISABLED;
    }

    public boolean isEnabled() {
        return lock != null;
    }

    /** Takes the lock, queueing fairly behind earlier waiters. Not interruptible, like CPython's {@code take_gil}. */
    public void acquire() {
        if (lock == null) {
            return;
        }
        // tryLock() alone would barge past queued threads even on a fair lock, and a holder that just dropped the lock
        // would take it straight back: only an uncontended lock may be taken without queueing.
        if (lock.hasQueuedThreads() || !lock.tryLock()) {
            firstWaitNanos.compareAndSet(0, System.nanoTime());
            lock.lock();
        }
        acquiredAtNanos = System.nanoTime();
        // Waiters still queued count their interval from now, as CPython's waiters restart their timed wait on a
        // switch.
        firstWaitNanos.set(0);
    }

    /** Gives the lock up; the caller must hold it. */
    public void release() {
        if (lock != null) {
            lock.unlock();
        }
    }

    /**
     * The eval-breaker check: if another thread waits and the switch interval has passed, hand the lock over and queue
     * for it again. Returns whether a hand-over happened. The caller must hold the lock.
     */
    public boolean checkSwitch() {
        if (lock == null || !lock.hasQueuedThreads()) {
            return false;
        }
        long since = Math.max(acquiredAtNanos, firstWaitNanos.get());
        if (System.nanoTime() - since < intervalNanos) {
            return false;
        }
        lock.unlock();
        acquire();
        return true;
    }

    /** Runs a wait with the lock released, then takes it back; the caller must hold the lock. */
    public void releaseDuring(Wait wait) throws InterruptedException {
        release();
        try {
            wait.run();
        } finally {
            acquire();
        }
    }

    /**
     * Runs {@code iterations} of the calibrated CPU loop in slices, checking for a hand-over between slices; the result
     * equals {@link CpuWork#compute(long, long)}. The caller must hold the lock (or the lock must be disabled).
     */
    public long compute(long seed, long iterations) {
        if (lock == null) {
            return CpuWork.compute(seed, iterations);
        }
        long x = seed;
        for (long from = 0; from < iterations; from += CHECK_EVERY_ITERATIONS) {
            x = CpuWork.computeRange(x, from, Math.min(iterations, from + CHECK_EVERY_ITERATIONS));
            checkSwitch();
        }
        return x;
    }

    /** A blocking wait run with the lock released. */
    @FunctionalInterface
    public interface Wait {
        void run() throws InterruptedException;
    }
}
