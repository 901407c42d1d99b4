package dev.loadlab.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.scenarios.BuiltInScenarios;
import dev.loadlab.coordinator.targetcontrol.MissingProfile;
import dev.loadlab.protocol.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's options: which built-in sweeps it runs, which profiles file its target host gets, the short patch. */
class DemoMainTest {
    private static DemoMain parsed(String... args) {
        DemoMain demo = new DemoMain();
        new CommandLine(demo).parseArgs(args);
        return demo;
    }

    @Test
    void byDefaultTheEmulatedSweepsOnTheBuiltInProfilesOnly() {
        DemoMain demo = parsed("--home", "/opt/loadlab");

        assertThat(demo.sweeps()).containsExactly("gil-cpu", "gil-mixed");
        assertThat(demo.targetProfiles()).isNull();
    }

    @Test
    void pythonRunsTheRealServersSweepsWithThePythonTwinsProfilesFile() {
        DemoMain demo = parsed("--python", "--home", "/opt/loadlab");

        assertThat(demo.sweeps()).containsExactly("py-gil-cpu", "py-gil-mixed");
        assertThat(demo.targetProfiles()).isEqualTo(Path.of("/opt/loadlab/target-app/python/profiles.properties"));
    }

    @Test
    void pythonWithoutTheProfilesFileStopsBeforeStartingAnything(@TempDir Path dir) {
        int exit = new CommandLine(new DemoMain())
                .execute(
                        "--python",
                        "--home",
                        dir.toString(),
                        "--data-dir",
                        dir.resolve("data").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void everySweepTheDemoRunsIsABuiltIn() {
        assertThat(BuiltInScenarios.NAMES).containsAll(DemoMain.SWEEPS).containsAll(DemoMain.PYTHON_SWEEPS);
        assertThat(PythonFindings.PROFILES).isEqualTo(MissingProfile.PYTHON_PROFILES);
    }

    @Test
    void theShortVersionIsAMergePatchOfWorkersAndCellTimesTheSameWithPython() throws Exception {
        String plain = parsed().shortVersion();
        String python = parsed("--python", "--workers", "1,2,4", "--warmup", "0s", "--duration", "1s")
                .shortVersion();

        assertThat(Json.lenient().readTree(plain)).isEqualTo(Json.lenient().readTree("""
                        {"target": {"workers": [1, 2]}, "load": {"warmup": "1s", "duration": "2s"}}"""));
        JsonNode patch = Json.lenient().readTree(python);
        assertThat(patch.get("target").get("workers").toString()).isEqualTo("[1,2,4]");
        assertThat(patch.get("load").get("warmup").asText()).isEqualTo("0s");
        assertThat(patch.get("load").get("duration").asText()).isEqualTo("1s");
        // The profiles stay those of the saved scenario: the patch changes only the sweep's length.
        assertThat(patch.get("target").has("profiles")).isFalse();
    }
}
