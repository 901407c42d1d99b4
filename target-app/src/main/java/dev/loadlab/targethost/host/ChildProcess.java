package dev.loadlab.targethost.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child process of the supervisor (a worker JVM or a command guard) and the line protocol over its pipes: a
 * reader thread takes every output line, completes {@link #ready()} at the first line starting with the expected
 * prefix, hands {@code stats} answers to {@link #requestStats}, and keeps the last lines for error messages. Closing
 * stdin asks the child to end; a child ends by itself if the supervisor dies (its stdin reaches end-of-file). Thread-safe.
 */
final class ChildProcess {
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final BlockingQueue<String> statsAnswers = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> tail = new ArrayDeque<>(); // guarded by itself

    private ChildProcess(String name, Process process, String readyPrefix) {
        this.name = name;
        this.process = process;
        Thread.ofPlatform().daemon(true).name("loadlab-child-" + process.pid()).start(() -> readOutput(readyPrefix));
    }

    /** Starts {@code command} with {@code environment} added to this JVM's; output and errors come through one pipe. */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, String readyPrefix)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new ChildProcess(name, process, readyPrefix);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the ready line; fails if the child exits before printing it. */
    CompletableFuture<String> ready() {
        return ready;
    }

    /** Asks a worker for its counters; the JSON it printed, or {@code null} if it did not answer in time. */
    synchronized String requestStats(Duration timeout) throws InterruptedException {
        statsAnswers.clear();
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write("stats\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            return null;
        }
        return statsAnswers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last lines the child printed, for an error message. */
    String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /**
     * Ends the child and everything it started: closes its stdin (the polite request), waits up to {@code grace},
     * then kills what is left. Returns once the child and its descendants are gone (or after a last 5 s wait).
     */
    void stop(Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already closed or broken: the kill below still applies.
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle descendant : tree) {
                descendant.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // A descendant did not report its end in time; it was sent SIGKILL, which cannot be ignored.
        }
    }

    private void readOutput(String readyPrefix) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("stats ")) {
                    statsAnswers.add(line.substring(6));
                    continue;
                }
                if (!ready.isDone() && line.startsWith(readyPrefix)) {
                    ready.complete(line);
                }
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            // The pipe broke because the child died; the exit is reported below.
        }
        ready.completeExceptionally(new IllegalStateException(name + " (pid " + process.pid() + ") exited before it was"
                + " ready" + exitCode() + "; its last output:\n" + tail()));
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " with exit code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
