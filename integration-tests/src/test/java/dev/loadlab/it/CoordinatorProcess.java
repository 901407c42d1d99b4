package dev.loadlab.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinator in its own JVM, started from its executable jar as a user starts it, so that everything it prints
 * (its log lines on stderr, anything else on stdout) lands in one file a test can read. Without an exit-with-parent
 * flag (the coordinator has none) it is stopped by {@link #close()}, which sends it SIGTERM. Not thread-safe.
 */
final class CoordinatorProcess implements AutoCloseable {
    private static final Pattern READY =
            Pattern.compile("loadlab-coordinator ready: (http://\\S+) \\(cluster (\\S+?),");

    private final Process process;
    private final Path log;
    final String url;
    final String clusterAddress;
    final String clusterName;
    final Api api;

    private CoordinatorProcess(
            Process process, Path log, String url, String clusterAddress, String clusterName, String token) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.clusterAddress = clusterAddress;
        this.clusterName = clusterName;
        this.api = new Api(url, token);
    }

    /**
     * Starts a coordinator on ports chosen by the system, using the PostgreSQL at {@code jdbcUrl} (user and password
     * {@code postgres}), keeping its files in {@code dataDir} and writing its output to {@code log}; returns once it
     * says it is ready.
     */
    static CoordinatorProcess start(Path dataDir, Path log, String clusterName, String jdbcUrl, String apiToken)
            throws InterruptedException {
        Path jar = HostStack.home().resolve("coordinator/target/loadlab-coordinator-app.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./loadlab build");
        }
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-XX:+UseSerialGC"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--http-port",
                "0",
                "--hazelcast-port",
                "0",
                "--cluster-name",
                clusterName,
                "--data-dir",
                dataDir.toString(),
                "--database-url",
                jdbcUrl,
                "--database-user",
                "postgres",
                "--database-password",
                "postgres",
                "--api-token",
                apiToken));
        Process process;
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Matcher ready = Poll.until("the coordinator to be ready (see " + log + ")", Duration.ofSeconds(120), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the coordinator exited with code " + process.exitValue());
                }
                Matcher m = READY.matcher(read(log));
                return m.find() ? Optional.of(m) : Optional.empty();
            });
            return new CoordinatorProcess(process, log, ready.group(1), ready.group(2), clusterName, apiToken);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    Path log() {
        return log;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the coordinator as a user would (SIGTERM: its shutdown hook closes it), forcibly after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
