package dev.loadlab.agent.gatling;

import static dev.loadlab.agent.gatling.Assignments.closed;
import static dev.loadlab.agent.gatling.Assignments.get;
import static dev.loadlab.agent.gatling.Assignments.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.scenario.LoadModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentWorkTest {
    @Test
    void closedPlanTakesThisAgentsUsers() {
        AgentWork plan = AgentWork.from(
                closed("http://h:1/", 8, Duration.ofSeconds(1), Duration.ofSeconds(3), get("a", "/a", 1)));
        assertThat(plan.baseUrl()).isEqualTo("http://h:1");
        assertThat(plan.model()).isEqualTo(LoadModel.CLOSED);
        assertThat(plan.users()).isEqualTo(8);
        assertThat(plan.total()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void openPlanTakesThisAgentsRate() {
        AgentWork plan =
                AgentWork.from(open("http://h:1", 12.5, Duration.ZERO, Duration.ofSeconds(2), get("a", "/a", 1)));
        assertThat(plan.rate()).isEqualTo(12.5);
        assertThat(plan.total()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void namesTheFieldThatIsMissing() {
        Assignment noUsers = closed("http://h:1", 1, Duration.ZERO, Duration.ofSeconds(1), get("a", "/a", 1));
        Assignment broken = new Assignment(
                noUsers.runId(), noUsers.stepIndex(), 0, noUsers.scenario(), noUsers.agentCount(), null, null);
        assertThatThrownBy(() -> AgentWork.from(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assignment.users must be >= 1 for the closed model, was null");
        assertThatThrownBy(() -> AgentWork.from(closed("http://h:1", 1, Duration.ZERO, Duration.ofSeconds(1))))
                .hasMessageContaining("assignment.scenario.workload.requests");
    }
}
