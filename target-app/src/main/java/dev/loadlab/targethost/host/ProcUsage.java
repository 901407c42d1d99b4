package dev.loadlab.targethost.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one process's CPU time and resident memory from Linux's {@code /proc}: {@code /proc/PID/stat} fields utime,
 * stime, cutime and cstime (in clock ticks; cutime/cstime hold the CPU of children that ended and were waited for, so
 * summing live processes and these never counts a process twice), and {@code VmRSS} of {@code /proc/PID/status}.
 * Immutable.
 *
 * @param pid the process
 * @param cpuTicks utime + stime + cutime + cstime
 * @param rssBytes resident set size
 */
public record ProcUsage(long pid, long cpuTicks, long rssBytes) {
    /** The usage of {@code pid}, or an all-zero usage if the process has just gone (it raced with us). */
    public static ProcUsage read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state), so field N is fields[N - 3]: utime 14, stime 15, cutime 16, cstime 17.
            long ticks = Long.parseLong(fields[11])
                    + Long.parseLong(fields[12])
                    + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
            return new ProcUsage(pid, ticks, rss(pid));
        } catch (IOException | RuntimeException e) {
            return new ProcUsage(pid, 0, 0);
        }
    }

    private static long rss(long pid) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).strip().split("\\s+");
                return Long.parseLong(parts[0]) * 1024; // the kernel reports kB (KiB)
            }
        }
        return 0;
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 when it cannot be asked, the Linux value everywhere. */
    public static long clockTicksPerSecond() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor();
            long ticks = Long.parseLong(out);
            return ticks > 0 ? ticks : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
