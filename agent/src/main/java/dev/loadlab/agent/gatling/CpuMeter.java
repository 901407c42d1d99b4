package dev.loadlab.agent.gatling;

import java.lang.management.ManagementFactory;

/**
 * This agent process's CPU use between two samples, as a share of all its cores: process CPU time over (wall time x
 * available processors), from {@link com.sun.management.OperatingSystemMXBean#getProcessCpuTime}. Stateless and
 * thread-safe.
 */
final class CpuMeter {
    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private CpuMeter() {}

    /**
     * One reading: wall time ({@link System#nanoTime}), process CPU time (ns, -1 when the JVM cannot tell) and, taken
     * at the same moment, the whole machine's CPU ticks ({@link MachineCpu}).
     */
    record Sample(long wallNanos, long cpuNanos, MachineCpu.Sample machine) {
        Sample(long wallNanos, long cpuNanos) {
            this(wallNanos, cpuNanos, MachineCpu.Sample.UNKNOWN);
        }
    }

    static Sample sample() {
        long cpu = OS instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        return new Sample(System.nanoTime(), cpu, MachineCpu.sample());
    }

    /** The cores this process may use: {@link Runtime#availableProcessors}, which honours affinity and cgroups. */
    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The share of all cores this process used from {@code from} to {@code to}, in [0, 1] (clamped: the two clocks are
     * read a moment apart); -1 when unknown.
     */
    static double share(Sample from, Sample to) {
        return share(from, to, cores());
    }

    static double share(Sample from, Sample to, int processors) {
        long wall = to.wallNanos() - from.wallNanos();
        if (from.cpuNanos() < 0 || to.cpuNanos() < 0 || wall <= 0) {
            return -1;
        }
        double share = (to.cpuNanos() - from.cpuNanos()) / ((double) wall * processors);
        return Math.min(1.0, Math.max(0.0, share));
    }
}
