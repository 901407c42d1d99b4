package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./loadlab demo} as a newcomer runs it, shortened: it must print the results table and where the data lives,
 * leave no process behind and exit 0.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void runsEndToEndPrintsTheTableAndStopsEverythingItStarted() throws Exception {
        Path home = Path.of(System.getProperty("loadlab.agent.jar"))
                .getParent()
                .getParent()
                .getParent();
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp",
                home.resolve("coordinator/target/loadlab-coordinator-app.jar").toString(),
                "dev.loadlab.coordinator.demo.DemoMain",
                "--home",
                home.toString(),
                "--data-dir",
                dir.resolve("data").toString(),
                "--warmup",
                "1s",
                "--duration",
                "3s"));
        Path output = dir.resolve("demo.out");
        Process demo = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        boolean exited = demo.waitFor(150, TimeUnit.SECONDS);
        if (!exited) {
            demo.destroyForcibly();
        }
        String printed = Files.readString(output);
        List<Long> children = Pattern.compile("\\(pid (\\d+)\\)")
                .matcher(printed)
                .results()
                .map(m -> Long.parseLong(m.group(1)))
                .toList();

        assertThat(exited).as(printed).isTrue();
        assertThat(demo.exitValue()).as(printed).isZero();
        assertThat(printed)
                .contains("mixed-80-20: SUCCEEDED")
                .containsPattern("\\s+io\\s+\\d+\\s+[\\d.]+\\s+\\d+")
                .containsPattern("\\s+cpu\\s+\\d+")
                .containsPattern("\\s+all\\s+\\d+")
                .contains("1 ms resolution")
                .containsPattern("generator: busiest agent used \\d+% of its cores|GENERATOR-BOUND")
                .contains("Data: embedded PostgreSQL")
                .contains("curl -s http://127.0.0.1:7070/api/v1/runs/");
        assertThat(children).as("the target's and the agent's pids").hasSize(2);
        for (long pid : children) {
            Optional<ProcessHandle> child = ProcessHandle.of(pid);
            if (child.isPresent()) {
                assertThat(child.get().onExit().get(15, TimeUnit.SECONDS).isAlive())
                        .isFalse();
            }
        }
    }
}
