package dev.loadlab.agent.gatling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole machine's CPU use between two samples, from the first ({@code cpu}) line of {@code /proc/stat}: busy =
 * total − idle − iowait, in clock ticks summed over every core, so the share is busy ticks over all ticks. It tells an
 * agent that shares its machine with the target (the machine is full though the agent's own process is not) from one
 * that had the machine to itself. Stateless and thread-safe.
 */
final class MachineCpu {
    static final Path PROC_STAT = Path.of("/proc/stat");

    private MachineCpu() {}

    /** One reading in clock ticks since boot; {@link #UNKNOWN} when {@code /proc/stat} could not be read. */
    record Sample(long busyTicks, long totalTicks) {
        static final Sample UNKNOWN = new Sample(-1, -1);

        boolean known() {
            return totalTicks >= 0;
        }
    }

    static Sample sample() {
        return sample(PROC_STAT);
    }

    static Sample sample(Path procStat) {
        try (var lines = Files.lines(procStat)) {
            return lines.findFirst().map(MachineCpu::parse).orElse(Sample.UNKNOWN);
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: the machine's share is then simply unknown.
            return Sample.UNKNOWN;
        }
    }

    /**
     * Parses {@code cpu  user nice system idle iowait irq softirq steal guest guest_nice}; guest time is already in
     * user and nice, so it is not added again.
     */
    static Sample parse(String line) {
        List<String> fields = List.of(line.trim().split("\\s+"));
        if (fields.size() < 5 || !fields.get(0).equals("cpu")) {
            return Sample.UNKNOWN;
        }
        long total = 0;
        int counted = Math.min(fields.size(), 9); // user .. steal
        for (int i = 1; i < counted; i++) {
            total += Long.parseLong(fields.get(i));
        }
        long idle = Long.parseLong(fields.get(4));
        long iowait = fields.size() > 5 ? Long.parseLong(fields.get(5)) : 0;
        return new Sample(total - idle - iowait, total);
    }

    /** The machine's busy share from {@code from} to {@code to}, in [0, 1]; null when unknown or no tick passed. */
    static Double share(Sample from, Sample to) {
        if (from == null || to == null || !from.known() || !to.known()) {
            return null;
        }
        long total = to.totalTicks() - from.totalTicks();
        if (total <= 0) {
            return null;
        }
        double share = (double) (to.busyTicks() - from.busyTicks()) / total;
        return Math.min(1.0, Math.max(0.0, share));
    }
}
