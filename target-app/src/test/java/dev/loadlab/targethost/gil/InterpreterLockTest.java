package dev.loadlab.targethost.gil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.targethost.work.CpuWork;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InterpreterLockTest {
    private static final Duration INTERVAL = Duration.ofMillis(20);

    @Test
    void aWaitingThreadGetsTheLockFromACpuBoundHolderAfterTheSwitchInterval() throws Exception {
        InterpreterLock gil = InterpreterLock.enabled(INTERVAL);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicLong handOvers = new AtomicLong();
        Thread holder = Thread.ofPlatform().start(() -> {
            gil.acquire();
            holding.countDown();
            long x = 1;
            // CPU-bound "Python code": slices of the calibrated loop with the eval-breaker check between them.
            while (!stop.get()) {
                x = CpuWork.computeRange(x, 0, InterpreterLock.CHECK_EVERY_ITERATIONS);
                if (gil.checkSwitch()) {
                    handOvers.incrementAndGet();
                }
            }
            gil.release();
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        long best = Long.MAX_VALUE;
        long worst = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            long start = System.nanoTime();
            gil.acquire();
            long waitedNanos = System.nanoTime() - start;
            gil.release();
            best = Math.min(best, waitedNanos);
            worst = Math.max(worst, waitedNanos);
            // Let the holder run a full interval again so each attempt starts from "holder has run a while".
            waitUntil(() -> false, INTERVAL.multipliedBy(2));
        }
        stop.set(true);
        holder.join(10_000);

        // Never before the interval (the holder is not pre-empted early) and not much later than it.
        assertThat(best).as("shortest wait, ns").isGreaterThanOrEqualTo(INTERVAL.toNanos() - 1_000_000);
        assertThat(worst)
                .as("longest wait, ns")
                .isLessThan(INTERVAL.plusMillis(40).toNanos());
        assertThat(handOvers.get()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theOldHolderQueuesBehindTheThreadItHandedOverTo() throws Exception {
        InterpreterLock gil = InterpreterLock.enabled(Duration.ofMillis(5));
        gil.acquire();
        AtomicBoolean waiterHadIt = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            gil.acquire();
            waiterHadIt.set(true);
            gil.release();
        });
        // This thread is the CPU-bound holder: it polls the eval breaker until it is asked to drop the lock.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean switched = false;
        while (!switched && System.nanoTime() < deadline) {
            switched = gil.checkSwitch();
        }
        // checkSwitch returned holding the lock again, and the fair queue put the waiter first.
        assertThat(switched).isTrue();
        assertThat(waiterHadIt.get())
                .as("the waiter held the lock before the old holder got it back")
                .isTrue();
        gil.release();
        waiter.join(10_000);
    }

    @Test
    void aWaitReleasesTheLockSoAnotherThreadRunsMeanwhile() throws Exception {
        InterpreterLock gil = InterpreterLock.enabled(InterpreterLock.DEFAULT_SWITCH_INTERVAL);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch endWait = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            gil.acquire();
            try {
                gil.releaseDuring(() -> {
                    waiting.countDown();
                    endWait.await();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gil.release();
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        gil.acquire(); // would block until endWait if the wait kept the lock
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        gil.release();
        endWait.countDown();
        waiter.join(10_000);
        assertThat(waitedMs).isLessThan(1_000);
        assertThat(waiter.isAlive()).isFalse();
    }

    @Test
    void withoutWaitersTheHolderKeepsTheLock() {
        InterpreterLock gil = InterpreterLock.enabled(Duration.ofMillis(1));
        gil.acquire();
        waitUntil(() -> false, Duration.ofMillis(3));
        assertThat(gil.checkSwitch()).isFalse();
        gil.release();
    }

    @Test
    void slicedComputationGivesTheSameResultAsTheWholeLoop() {
        InterpreterLock gil = InterpreterLock.enabled(InterpreterLock.DEFAULT_SWITCH_INTERVAL);
        gil.acquire();
        long sliced = gil.compute(42, 3 * InterpreterLock.CHECK_EVERY_ITERATIONS + 17);
        gil.release();
        assertThat(sliced).isEqualTo(CpuWork.compute(42, 3 * InterpreterLock.CHECK_EVERY_ITERATIONS + 17));
        assertThat(InterpreterLock.disabled().compute(42, 1000)).isEqualTo(CpuWork.compute(42, 1000));
        assertThat(InterpreterLock.disabled().isEnabled()).isFalse();
    }

    /** Busy-waits (the test thread stands for CPU-bound code) until the condition holds or the time is up. */
    private static void waitUntil(BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
