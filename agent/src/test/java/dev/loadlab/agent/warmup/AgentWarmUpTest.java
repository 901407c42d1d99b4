package dev.loadlab.agent.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.agent.gatling.GatlingStepRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void theSettlingWaitIsNoLongerThanTheWarmUpsCap() {
        GatlingStepRunner runner = new GatlingStepRunner(dir);

        assertThat(new AgentWarmUp(runner, Duration.ofSeconds(60), Duration.ofSeconds(5), 0.03).drainCap())
                .isEqualTo(AgentWarmUp.DRAIN_CAP);
        assertThat(new AgentWarmUp(runner, Duration.ofSeconds(2), Duration.ofSeconds(5), 0.03).drainCap())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theCapBoundsTheRehearsalsToo() {
        GatlingStepRunner runner = new GatlingStepRunner(dir);

        assertThat(new AgentWarmUp(runner, Duration.ofSeconds(60), Duration.ofSeconds(5), 0.03).rehearsals())
                .isEqualTo(AgentWarmUp.REHEARSALS);
        assertThat(new AgentWarmUp(runner, Duration.ofSeconds(6), Duration.ofSeconds(5), 0.03).rehearsals())
                .isEqualTo(2);
        assertThat(new AgentWarmUp(runner, Duration.ofSeconds(2), Duration.ofSeconds(5), 0.03).rehearsals())
                .as("a test's short cap runs none")
                .isZero();
    }
}
