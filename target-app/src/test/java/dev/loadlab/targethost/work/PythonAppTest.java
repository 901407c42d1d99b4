package dev.loadlab.targethost.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python twin's own unit tests ({@code python/test_loadlab_app.py}, standard library only) run by Debian's
 * {@code /usr/bin/python3}, and the figure that ties its CPU loop to this one.
 */
class PythonAppTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** {@code test_loadlab_app.JAVA_COMPUTE_12345_1000}: the Python loop must give the same result. */
    private static final long COMPUTE_12345_1000 = -158766799904263112L;

    @TempDir
    Path dir;

    @Test
    void theJavaLoopGivesTheFigureThePythonTestPins() {
        assertThat(CpuWork.compute(12345, 1000)).isEqualTo(COMPUTE_12345_1000);
    }

    @Test
    void thePythonUnitTestsPass() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " (Debian's Python) is not installed");
        Path log = dir.resolve("unittest.log");
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-B", "-m", "unittest", "-v", "test_loadlab_app")
                .directory(Path.of("python").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("LOADLAB_PY_ITERATIONS_PER_MS");
        Process python = builder.start();
        python.getOutputStream().close();
        boolean finished = python.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            python.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("unittest finished within 120 s:\n" + output).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }
}
