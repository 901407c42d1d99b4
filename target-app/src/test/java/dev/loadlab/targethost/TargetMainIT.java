package dev.loadlab.targethost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs {@code loadlab target} in its own JVM, the way the supervisor and the launcher script will. */
class TargetMainIT {
    private static final Pattern READY = Pattern.compile("ready: (http://\\S+)");

    @Test
    void printsOneReadyLineServesAndStopsOnSigterm() throws Exception {
        ProcessBuilder builder = javaCommand("--port", "0");
        builder.environment().put("LOADLAB_TARGET_WORKERS", "3");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        try {
            // One reader thread takes every stdout line until the process ends: the first is the ready line, and there
            // must be no other.
            CompletableFuture<String> firstLine = new CompletableFuture<>();
            CompletableFuture<List<String>> allLines = CompletableFuture.supplyAsync(() -> readAll(process, firstLine));
            String ready = firstLine.get(60, TimeUnit.SECONDS);
            assertThat(ready)
                    .matches("loadlab-target ready: http://127\\.0\\.0\\.1:\\d+ \\(workers=3, cpu calibration: \\d+"
                            + " iterations per ms\\)");
            Matcher url = READY.matcher(ready);
            assertThat(url.find()).isTrue();
            assertThat(url.group(1)).doesNotEndWith(":0");

            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(URI.create(url.group(1) + "/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

            process.destroy(); // SIGTERM: the shutdown hook stops the server
            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .as("exited after SIGTERM")
                    .isTrue();
            assertThat(process.exitValue()).isIn(0, 143);
            assertThat(allLines.get(20, TimeUnit.SECONDS)).as("stdout").containsExactly(ready);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadWorkerCountIsAUsageErrorNamingTheFlagAndBound() throws Exception {
        Process process = javaCommand("--workers", "65").start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(stderr).contains("--workers must be between 1 and 64, was 65");
        } finally {
            process.destroyForcibly();
        }
    }

    private static ProcessBuilder javaCommand(String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), TargetMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("LOADLAB_TARGET_PORT");
        builder.environment().remove("LOADLAB_TARGET_WORKERS");
        return builder;
    }

    private static List<String> readAll(Process process, CompletableFuture<String> firstLine) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader stdout =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                lines.add(line);
                firstLine.complete(line);
            }
        } catch (IOException e) {
            firstLine.completeExceptionally(e);
            throw new UncheckedIOException(e);
        }
        firstLine.completeExceptionally(new IllegalStateException("stdout ended without a line"));
        return lines;
    }
}
