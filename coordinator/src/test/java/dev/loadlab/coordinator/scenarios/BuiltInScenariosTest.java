package dev.loadlab.coordinator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.targetcontrol.MissingProfile;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInScenariosTest {
    private static final CoordinatorConfig.TargetHost HOST =
            new CoordinatorConfig.TargetHost("http://10.0.0.5:8000", "http://10.0.0.5:8001", "tok\"en");

    @Test
    void theTwoExperimentsSweepEveryProfileFromOneToThirtyTwoWorkersOnTheConfiguredHost() {
        List<Scenario> builtIns = BuiltInScenarios.resolve(HOST);

        assertThat(builtIns)
                .extracting(Scenario::name)
                .containsExactly("gil-cpu", "gil-mixed", "py-gil-cpu", "py-gil-mixed", "smoke");
        for (Scenario gil : builtIns.subList(0, 2)) {
            assertThat(gil.target().baseUrl()).isEqualTo("http://10.0.0.5:8000");
            assertThat(gil.target().control().url()).isEqualTo("http://10.0.0.5:8001");
            assertThat(gil.target().control().token()).isEqualTo("tok\"en");
            assertThat(gil.target().profiles())
                    .containsExactly("multi-process", "threaded-gil", "threaded", "async", "green");
            assertThat(gil.target().workers()).containsExactly(1, 2, 4, 8, 16, 32);
            assertThat(gil.load().model()).isEqualTo(LoadModel.CLOSED);
            // Two users per worker at the highest W: every worker busy, one request queued behind it.
            assertThat(gil.load().users()).isEqualTo(64);
            assertThat(gil.load().duration()).isEqualTo(Duration.ofSeconds(10));
        }
        assertThat(builtIns.get(0).workload().requests().get(0).path()).isEqualTo("/cpu?ms=5");
        assertThat(builtIns.get(1).workload().requests().get(0).path()).isEqualTo("/mixed?io=16&cpu=4");
        Scenario smoke = builtIns.get(4);
        assertThat(smoke.target().control()).isNull();
        assertThat(smoke.workload().requests().get(0).path()).isEqualTo("/hello");
        assertThat(smoke.load().duration()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theRealPythonExperimentsAreTheEmulatedOnesOverTheFourRealServers() {
        List<Scenario> builtIns = BuiltInScenarios.resolve(HOST);

        for (int i = 0; i < 2; i++) {
            Scenario emulated = builtIns.get(i);
            Scenario real = builtIns.get(i + 2);
            assertThat(real.name()).isEqualTo("py-" + emulated.name());
            // The four profiles a host started with ./loadlab target --python has, which a missing one's reason names.
            assertThat(real.target().profiles())
                    .containsExactly("gunicorn-sync", "gunicorn-gthread", "uvicorn", "gevent")
                    .isEqualTo(MissingProfile.PYTHON_PROFILES);
            assertThat(real.target().baseUrl()).isEqualTo("http://10.0.0.5:8000");
            assertThat(real.target().control()).isEqualTo(emulated.target().control());
            // Same load, endpoint and matrix shape: only the servers differ, so the tables compare cell by cell.
            assertThat(real.target().workers()).isEqualTo(emulated.target().workers());
            assertThat(real.workload()).isEqualTo(emulated.workload());
            assertThat(real.load()).isEqualTo(emulated.load());
            assertThat(real.agents()).isEqualTo(emulated.agents());
        }
    }

    @Test
    void aTokenTheContractRefusesStopsTheCoordinatorNamingTheScenarioAndField() {
        CoordinatorConfig.TargetHost tooLong =
                new CoordinatorConfig.TargetHost("http://127.0.0.1:9000", "http://127.0.0.1:9001", "x".repeat(300));

        assertThatThrownBy(() -> BuiltInScenarios.resolve(tooLong))
                .hasMessageContaining("built-in scenario gil-cpu")
                .hasMessageContaining("$.target.control.token");
    }

    @Test
    void theTargetHostConfigRefusesANonHttpUrlNamingTheFlag() {
        assertThatThrownBy(() -> new CoordinatorConfig.TargetHost("ftp://x", "http://127.0.0.1:9001", "t"))
                .hasMessageContaining("--target-url");
    }
}
