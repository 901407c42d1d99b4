package dev.loadlab.targethost.host;

import dev.loadlab.protocol.control.HostStats.ProcessStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the role of each process of a foreign app from its place in the process tree and its command line: a {@code
 * helper} is a known side process of the runtime (Python's multiprocessing resource or semaphore tracker), a {@code
 * master} is an app process that has children in the app (Gunicorn's arbiter, Uvicorn's supervisor), every other
 * process is a {@code worker}. Pure and stateless; {@link #commandLine} is the one read of {@code /proc}.
 */
final class ProcessRoles {
    /** Command-line fragments of the side processes a runtime starts beside the workers. */
    static final List<String> HELPER_MARKS =
            List.of("multiprocessing.resource_tracker", "multiprocessing.semaphore_tracker", "semaphore_tracker");

    private ProcessRoles() {}

    /**
     * One process of the app as seen at one moment.
     *
     * @param parentPid its parent's pid, or -1 when unknown
     * @param commandLine its arguments joined by spaces ({@code ""} when unknown)
     */
    record Process(long pid, long parentPid, String commandLine) {}

    /** Each process's role, in the order given. */
    static Map<Long, String> of(List<Process> processes) {
        Set<Long> parents = new HashSet<>();
        Set<Long> pids = new HashSet<>();
        processes.forEach(process -> pids.add(process.pid()));
        for (Process process : processes) {
            if (pids.contains(process.parentPid()) && !isHelper(process)) {
                parents.add(process.parentPid());
            }
        }
        Map<Long, String> roles = new LinkedHashMap<>();
        for (Process process : processes) {
            String role;
            if (isHelper(process)) {
                role = ProcessStats.HELPER;
            } else if (parents.contains(process.pid())) {
                role = ProcessStats.MASTER;
            } else {
                role = ProcessStats.WORKER;
            }
            roles.put(process.pid(), role);
        }
        return roles;
    }

    private static boolean isHelper(Process process) {
        return HELPER_MARKS.stream().anyMatch(process.commandLine()::contains);
    }

    /** {@code /proc/PID/cmdline} with its NUL separators as spaces; {@code ""} if the process has gone. */
    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
