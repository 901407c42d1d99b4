package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.targethost.TargetMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code loadlab target} as a supervisor in its own JVM: its workers must not outlive it, even when it is killed. */
class SupervisorProcessIT {
    private static final Pattern READY = Pattern.compile("ready: (http://\\S+)");
    private static final Pattern CONTROL = Pattern.compile("^loadlab-target control: (http://\\S+)$");

    @Test
    void aKilledSupervisorLeavesNoWorkerBehind() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                TargetMain.class.getName(),
                "--port",
                "0",
                "--workers",
                "2",
                "--profile",
                "multi-process",
                "--control-port",
                "0"));
        builder.environment().put(HostConfig.CONTROL_TOKEN_ENV, "t0ken");
        builder.environment().remove("LOADLAB_TARGET_PORT");
        builder.environment().remove("LOADLAB_TARGET_WORKERS");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process supervisor = builder.start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread.ofPlatform().daemon(true).start(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(supervisor.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                    }
                } catch (Exception e) {
                    lines.add("stdout failed: " + e);
                }
            });
            String ready = lines.poll(90, TimeUnit.SECONDS);
            assertThat(ready)
                    .matches("loadlab-target ready: http://127\\.0\\.0\\.1:\\d+ \\(workers=2, cpu calibration: \\d+"
                            + " iterations per ms\\)");
            Matcher app = READY.matcher(ready);
            assertThat(app.find()).isTrue();
            String controlLine = lines.poll(10, TimeUnit.SECONDS);
            Matcher control = CONTROL.matcher(String.valueOf(controlLine));
            assertThat(control.matches()).as(controlLine).isTrue();

            ControlClient api = new ControlClient(URI.create(control.group(1)), "t0ken");
            List<Long> pids = api.currentPids();
            assertThat(pids).hasSize(2);
            assertThat(LoadLoop.burst(URI.create(app.group(1)), "/hello", 4)).isNotNull();

            supervisor.destroyForcibly(); // SIGKILL: no shutdown hook runs, the workers must notice by themselves
            assertThat(supervisor.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<Long> alive = new ArrayList<>(pids);
            while (!alive.isEmpty() && System.nanoTime() < deadline) {
                alive.removeIf(pid -> {
                    Optional<ProcessHandle> process = ProcessHandle.of(pid);
                    return process.isEmpty() || !process.get().isAlive();
                });
                Thread.onSpinWait();
            }
            assertThat(alive)
                    .as("workers still alive 10 s after their supervisor was killed")
                    .isEmpty();
        } finally {
            supervisor.destroyForcibly();
        }
    }
}
