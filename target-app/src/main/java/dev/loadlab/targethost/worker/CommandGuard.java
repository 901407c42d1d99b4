package dev.loadlab.targethost.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command profile's command line (e.g. {@code gunicorn ...}) as a child and guarantees it does not outlive the
 * supervisor: Java cannot ask Linux to signal a child when its parent dies, and a Python app would not notice its
 * parent's death, so this small JVM stands between them. It ends the command's whole process tree (SIGTERM, then
 * SIGKILL after 3 s) when its stdin ends (the supervisor closed it or died) or its parent exits, and exits itself when
 * the command exits. Prints {@code loadlab-guard started: pid=P} with the command's pid. The command's output goes to
 * this process's own output, which the supervisor keeps the tail of for error messages.
 */
public final class CommandGuard {
    // Set before the command is ended on purpose, so its exit is not mistaken for the command ending by itself.
    private static volatile boolean stopping;

    private CommandGuard() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            System.err.println("loadlab-guard: usage: CommandGuard COMMAND [ARGS...]");
            System.exit(2);
        }
        List<String> command = Arrays.asList(args);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close(); // the command reads no input: give it end-of-file at once
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> stop(process)));
        System.out.println("loadlab-guard started: pid=" + process.pid());
        System.out.flush();
        Thread.ofPlatform().daemon(true).name("loadlab-guard-stdin").start(() -> {
            try (InputStream stdin = System.in) {
                stdin.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // stdin broke: treat it like the end of stdin.
            }
            stop(process);
        });
        process.waitFor();
        if (!stopping) {
            Runtime.getRuntime().halt(process.exitValue());
        }
        // stop() is ending the command's tree; it halts the JVM when done.
        Thread.currentThread().join();
    }

    /** Ends the command and everything it started (Gunicorn's workers, a shell's children), then this JVM. */
    private static synchronized void stop(Process process) {
        stopping = true;
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Runtime.getRuntime().halt(0);
    }
}
