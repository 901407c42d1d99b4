package dev.loadlab.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the dashboard's JavaScript unit tests ({@code src/test/js}, plain {@code node --test}, no packages) as part of
 * the Maven build. Skipped, not failed, where node is not installed: the dashboard itself needs no node, and
 * DashboardIT still checks what the coordinator serves.
 */
class DashboardScriptsTest {
    @TempDir
    Path dir;

    @Test
    void theDashboardsPureFunctionsPassTheirNodeTests() throws Exception {
        Optional<Path> node = onPath("node");
        assumeTrue(node.isPresent(), "node is not on the PATH: the dashboard's JavaScript unit tests are skipped");
        Path tests = Path.of("src", "test", "js");
        assertThat(tests).isDirectory();

        Path log = Files.createTempFile(dir, "node-test", ".log");
        Process run = new ProcessBuilder(node.get().toString(), "--test", tests.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = run.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            run.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(exited).as(output).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).as(output).containsPattern("# pass [1-9]").contains("# fail 0");
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
