package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import org.junit.jupiter.api.Test;

class StepPlanTest {
    @Test
    void aSweepRunsEachProfileAtEachWorkerCountProfilesOuter() {
        var scenario = ScenarioCodec.decode("""
                {"name": "sweep",
                 "target": {"baseUrl": "http://127.0.0.1:9000",
                            "control": {"url": "http://127.0.0.1:9001", "token": "t"},
                            "profiles": ["threaded-gil", "threaded"], "workers": [1, 4]},
                 "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=5"}]},
                 "load": {"model": "closed", "users": 8, "duration": "5s"}}
                """);

        assertThat(StepPlan.of(scenario))
                .containsExactly(
                        new StepPlan(0, "threaded-gil", 1),
                        new StepPlan(1, "threaded-gil", 4),
                        new StepPlan(2, "threaded", 1),
                        new StepPlan(3, "threaded", 4));
    }

    @Test
    void repeatsAreTheInnermostLoopSoEachCellRunsItsRepeatsTogether() {
        var scenario = ScenarioCodec.decode("""
                {"name": "sweep",
                 "target": {"baseUrl": "http://127.0.0.1:9000",
                            "control": {"url": "http://127.0.0.1:9001", "token": "t"},
                            "profiles": ["async"], "workers": [1, 2]},
                 "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=5"}]},
                 "load": {"model": "closed", "users": 8, "duration": "5s"}, "repeats": 3}
                """);

        assertThat(StepPlan.of(scenario))
                .containsExactly(
                        new StepPlan(0, "async", 1, 0),
                        new StepPlan(1, "async", 1, 1),
                        new StepPlan(2, "async", 1, 2),
                        new StepPlan(3, "async", 2, 0),
                        new StepPlan(4, "async", 2, 1),
                        new StepPlan(5, "async", 2, 2));
        assertThat(StepPlan.of(scenario).get(4)).hasToString("step 4 (async, 2 workers, repeat 1)");
    }

    @Test
    void withoutProfilesTheTargetIsUsedAsItIsInOneStep() {
        var scenario = ScenarioCodec.decode("""
                {"name": "plain", "target": {"baseUrl": "http://127.0.0.1:9000"},
                 "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=5"}]},
                 "load": {"model": "closed", "users": 8, "duration": "5s"}}
                """);

        assertThat(StepPlan.of(scenario)).containsExactly(new StepPlan(0, null, null));
        assertThat(StepPlan.of(scenario).get(0).switchesTarget()).isFalse();
    }
}
