package dev.loadlab.it;

import static dev.loadlab.it.Manifests.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two launcher commands started at the same moment on a fresh checkout build it once, not twice into one tree: the
 * second waits for the first's build lock and then finds the build done. A clone of this repository's committed HEAD,
 * built through its own Maven Wrapper with the local Maven repository.
 */
class LauncherLockIT {
    private static final String[] JARS = {
        "coordinator/target/loadlab-coordinator-app.jar",
        "agent/target/loadlab-agent-app.jar",
        "cli/target/loadlab-cli-app.jar",
        "target-app/target/loadlab-target-app.jar",
        "bench/target/loadlab-bench.jar"
    };

    @TempDir
    Path dir;

    @Test
    void twoLaunchersStartedTogetherOnAFreshCloneBuildOnceAndBothSucceed() throws Exception {
        assumeTrue(Files.isDirectory(ROOT.resolve(".git")), "needs the repository's git history to clone it");
        Path clone = dir.resolve("clone");
        run(dir, List.of("git", "clone", "-q", ROOT.toString(), clone.toString()), 120);

        Process first = launcher(clone, "first");
        Process second = launcher(clone, "second");
        assertThat(first.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(second.waitFor(15, TimeUnit.MINUTES)).isTrue();
        String firstLog = Files.readString(dir.resolve("first.log"));
        String secondLog = Files.readString(dir.resolve("second.log"));

        assertThat(first.exitValue()).as(firstLog).isZero();
        assertThat(second.exitValue()).as(secondLog).isZero();
        String both = firstLog + secondLog;
        assertThat(count(both, "loadlab: building (sources changed)"))
                .as("one build, not two: %s", both)
                .isEqualTo(1);
        assertThat(count(both, "waiting for another launcher's build")).as(both).isEqualTo(1);
        for (String jar : JARS) {
            try (JarFile built = new JarFile(clone.resolve(jar).toFile())) {
                assertThat(built.getManifest()).as(jar).isNotNull();
            }
        }
    }

    private Process launcher(Path clone, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./loadlab", "build")
                .directory(clone.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().remove("MAVEN_OPTS");
        return builder.start();
    }

    private static void run(Path where, List<String> command, int seconds) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(where.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
            n++;
        }
        return n;
    }
}
