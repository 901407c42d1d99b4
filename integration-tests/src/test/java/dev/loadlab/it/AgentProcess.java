package dev.loadlab.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An agent in its own JVM, started from the agent's executable jar, optionally behind a command prefix (e.g. {@code
 * taskset -c 0} to pin it to one core); its output goes to a log file.
 */
final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static AgentProcess start(String id, String join, String clusterName, Path dir) {
        return start(List.of(), id, join, clusterName, dir);
    }

    /** As {@link #start(String, String, String, Path)}, the JVM's command line behind {@code prefix}. */
    static AgentProcess start(List<String> prefix, String id, String join, String clusterName, Path dir) {
        return start(prefix, id, join, clusterName, dir, List.of());
    }

    /**
     * As {@link #start(List, String, String, String, Path)}, with more agent flags after the usual ones. The agent
     * inherits this JVM's environment: the build's test plugins set {@code LOADLAB_AGENT_WARM_UP_CAP} short there, and
     * a flag given here overrides it.
     */
    static AgentProcess start(
            List<String> prefix, String id, String join, String clusterName, Path dir, List<String> flags) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(java, "-Xmx512m", "-XX:+UseSerialGC"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(
                "-jar",
                System.getProperty("loadlab.agent.jar"),
                "--id",
                id,
                "--join",
                join,
                "--cluster-name",
                clusterName,
                "--work-dir",
                dir.resolve(id).toString()));
        command.addAll(flags);
        Path log = dir.resolve(id + ".log");
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new AgentProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    Process process() {
        return process;
    }

    /** Waits up to {@code seconds} for the JVM to exit; returns its exit code, or -1 if it is still running. */
    int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
