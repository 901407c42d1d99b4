package dev.loadlab.agent.gatling;

import static dev.loadlab.agent.gatling.Assignments.closed;
import static dev.loadlab.agent.gatling.Assignments.get;
import static dev.loadlab.agent.gatling.Assignments.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.scenario.Connections;
import dev.loadlab.protocol.scenario.DatasetRef;
import dev.loadlab.protocol.scenario.Flow;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Pause;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Stage;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Workload;
import java.time.Duration;
import java.util.List;
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
    void thePlanCarriesTheConnectionBehaviourOrTheModelsDefault() {
        assertThat(AgentWork.from(closed("http://h:1", 2, Duration.ZERO, Duration.ofSeconds(1), get("a", "/a", 1)))
                        .connections())
                .isEqualTo(Connections.PER_USER);
        assertThat(AgentWork.from(open("http://h:1", 5, Duration.ZERO, Duration.ofSeconds(1), get("a", "/a", 1)))
                        .connections())
                .isEqualTo(Connections.SHARED);
        Load closeEach = new Load(
                LoadModel.CLOSED,
                2,
                null,
                Duration.ZERO,
                Duration.ofSeconds(1),
                null,
                null,
                null,
                null,
                Connections.CLOSE_EACH);
        Assignment assignment = new Assignment(
                Assignments.RUN,
                0,
                0,
                new Scenario("c", new Target("http://h:1"), new Workload(List.of(get("a", "/a", 1))), closeEach, 1),
                1,
                2,
                null);
        assertThat(AgentWork.from(assignment).connections()).isEqualTo(Connections.CLOSE_EACH);
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

    @Test
    void everyRequestOfEveryFlowGetsAGlobalIndexAndItsPause() {
        Pause think = Pause.fixed(Duration.ofMillis(100));
        Pause own = Pause.fixed(Duration.ofMillis(5));
        Workload workload = new Workload(
                null,
                List.of(
                        new Flow(
                                "a",
                                3,
                                List.of(Assignments.step("login", "/login", null)),
                                List.of(
                                        Assignments.step("x", "/x", own),
                                        Assignments.pauseStep(think),
                                        Assignments.step("y", "/y", null))),
                        new Flow("b", null, null, List.of(Assignments.step("x", "/x", null)))),
                think,
                null);
        AgentWork plan = AgentWork.from(Assignments.v2(
                "http://h:1",
                workload,
                new Load(LoadModel.CLOSED, 4, null, Duration.ZERO, Duration.ofSeconds(1)),
                0,
                1,
                null));
        assertThat(plan.requests()).extracting(r -> r.name()).containsExactly("login", "x", "y", "x");
        assertThat(plan.flows()).hasSize(2);
        FlowPlan a = plan.flows().get(0);
        assertThat(a.once()).extracting(FlowPlan.Item::index).containsExactly(0);
        assertThat(a.steps()).extracting(FlowPlan.Item::index).containsExactly(1, -1, 2);
        assertThat(a.steps()).extracting(FlowPlan.Item::pauseAfter).containsExactly(own, think, think);
        assertThat(plan.flows().get(1).steps()).extracting(FlowPlan.Item::index).containsExactly(3);
        assertThat(plan.pickWeights()).containsExactly(3, 1);
        assertThat(plan.v1()).isFalse();
        assertThat(plan.users()).isEqualTo(4);
    }

    @Test
    void stagesAreThisAgentsShareAndTheDatasetSliceIsRequired() {
        Load load = new Load(
                LoadModel.CLOSED,
                null,
                null,
                Duration.ofSeconds(1),
                null,
                null,
                null,
                null,
                List.of(
                        new Stage(8, null, Duration.ofSeconds(4), null),
                        new Stage(5, null, null, Duration.ofSeconds(2))));
        Workload workload = new Workload(List.of(get("a", "/a", 1)), null, null, new DatasetRef("d", null));
        DatasetSlice slice = new DatasetSlice("d", List.of("c"), List.of(List.of("v")));
        AgentWork second = AgentWork.from(Assignments.v2("http://h:1", workload, load, 1, 3, slice));
        assertThat(second.users()).isEqualTo(3); // 8 over 3 agents: 3, 3, 2
        assertThat(second.profile().level(6_000)).isEqualTo(2.0); // 5 over 3: 2, 2, 1
        assertThat(second.total()).isEqualTo(Duration.ofSeconds(6));
        assertThat(second.datasetStrategy()).isEqualTo(DatasetRef.Strategy.CIRCULAR);
        assertThat(second.dataset()).isSameAs(slice);
        assertThat(AgentWork.from(Assignments.v2("http://h:1", workload, load, 2, 3, slice))
                        .users())
                .isEqualTo(2);
        assertThatThrownBy(() -> AgentWork.from(Assignments.v2("http://h:1", workload, load, 0, 1, null)))
                .hasMessage("assignment.dataset is missing for workload.dataset d");
        assertThatThrownBy(() -> AgentWork.from(Assignments.v2("http://h:1", workload, load, 3, 3, slice)))
                .hasMessageContaining("assignment.agentIndex must be in [0, 3), was 3");
    }

    @Test
    void aV1AssignmentGivesAV1Plan() {
        AgentWork plan =
                AgentWork.from(closed("http://h:1", 2, Duration.ZERO, Duration.ofSeconds(1), get("a", "/a", 1)));
        assertThat(plan.v1()).isTrue();
        assertThat(plan.flows()).isEmpty();
        assertThat(plan.staged()).isFalse();
    }
}
