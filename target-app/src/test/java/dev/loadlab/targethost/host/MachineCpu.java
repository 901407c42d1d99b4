package dev.loadlab.targethost.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole machine's busy CPU from {@code /proc/stat}, to tell "the target could not" from "the cores were taken". */
final class MachineCpu {
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private MachineCpu() {}

    static Sample sample() throws IOException {
        // First line: "cpu user nice system idle iowait irq softirq steal ...", in clock ticks, all cores summed.
        String[] fields =
                Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new Sample(total - idle, total);
    }

    record Sample(long busyTicks, long totalTicks) {
        /** Busy cores between {@code earlier} and this sample: the busy share of all ticks, times the core count. */
        double busyCoresSince(Sample earlier) {
            long total = Math.max(1, totalTicks - earlier.totalTicks);
            return (busyTicks - earlier.busyTicks) * (double) CORES / total;
        }
    }
}
