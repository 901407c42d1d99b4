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
 * {@code ./loadlab demo} as a newcomer runs it, shortened (1 s cells, no warm-up): it must run both built-in sweeps
 * through the target host, print their dashboard links, scaling tables, findings and where the data lives, leave no
 * process behind and exit 0.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void runsBothSweepsPrintsTheirScalingTablesAndFindingsAndStopsEverythingItStarted() throws Exception {
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
                "--workers",
                "1,2",
                "--warmup",
                "0s",
                "--duration",
                "1s"));
        Path output = dir.resolve("demo.out");
        Process demo = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        boolean exited = demo.waitFor(180, TimeUnit.SECONDS);
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
        String cell = "\\s+\\d+ \\[\\d\\.\\d]\\*?";
        assertThat(printed)
                .contains("gil-cpu (run ")
                .contains("SUCCEEDED): GET /cpu?ms=5")
                .contains("SUCCEEDED): GET /mixed?io=16&cpu=4")
                .contains("requests/s [target CPU cores] by profile x workers W: closed model, 64 users, measured 1s")
                .contains("target host's own CPU time from /proc")
                .containsPattern("profile\\s+W=1\\s+W=2\\n")
                .containsPattern("multi-process" + cell + cell + "\\n")
                .containsPattern("threaded-gil" + cell + cell + "\\n")
                .containsPattern("green" + cell + cell + "\\n")
                .contains("Findings (computed from the table):")
                .containsPattern("  - At W=2, [a-z-]+ serves the most: \\d+ requests/s")
                .contains("Data: embedded PostgreSQL")
                .containsPattern(
                        "  Dashboard: http://127\\.0\\.0\\.1:\\d+/dashboard/#/runs/[0-9a-f-]{36}\\?token=\\S+  \\(live")
                .contains("./loadlab coordinator --data-dir ")
                .containsPattern(
                        "  Dashboard: http://127\\.0\\.0\\.1:7070/dashboard/#/runs/[0-9a-f-]{36}\\?token=\\S+\n")
                .contains("/api-token)\" http://127.0.0.1:7070/api/v1/runs/");
        if (printed.contains("]*")) {
            assertThat(printed).contains("* the load generator was the bottleneck");
        }
        assertThat(children).as("the target host's and the agent's pids").hasSize(2);
        for (long pid : children) {
            Optional<ProcessHandle> child = ProcessHandle.of(pid);
            if (child.isPresent()) {
                assertThat(child.get().onExit().get(15, TimeUnit.SECONDS).isAlive())
                        .isFalse();
            }
        }
    }
}
