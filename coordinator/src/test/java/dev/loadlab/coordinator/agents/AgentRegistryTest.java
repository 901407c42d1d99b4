package dev.loadlab.coordinator.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.WarmUp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final AgentRegistry registry = new AgentRegistry();

    @Test
    void registersIdleAgentsInArrivalOrderAndTracksBusy() {
        assertThat(registry.register(agent("b", "m-b", ProtocolVersion.CURRENT), T0))
                .isEmpty();
        assertThat(registry.register(agent("a", "m-a", ProtocolVersion.CURRENT), T0.plusSeconds(1)))
                .isEmpty();

        assertThat(registry.idle()).containsExactly("b", "a");
        registry.markBusy("b");
        assertThat(registry.idle()).containsExactly("a");
        registry.markIdle("b");
        assertThat(registry.idle()).containsExactly("b", "a");
        assertThat(registry.memberOf("a")).contains("m-a");
    }

    @Test
    void refusesAnotherProtocolVersionAndListsTheReason() {
        var refusal = registry.register(agent("old", "m-old", ProtocolVersion.CURRENT + 1), T0);

        assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
                .contains("protocol v" + (ProtocolVersion.CURRENT + 1))
                .contains("coordinator speaks v" + ProtocolVersion.CURRENT));
        assertThat(registry.idle()).isEmpty();
        assertThat(registry.list().get(0).state()).isEqualTo(AgentState.REFUSED);
        assertThat(registry.list().get(0).reason()).isEqualTo(refusal.get());
    }

    @Test
    void refusesATakenIdFromAnotherMemberButAcceptsTheSameMemberAgain() {
        registry.register(agent("a", "m-1", ProtocolVersion.CURRENT), T0);

        assertThat(registry.register(agent("a", "m-2", ProtocolVersion.CURRENT), T0))
                .hasValueSatisfying(reason -> assertThat(reason).contains("agent id a is already taken"));
        assertThat(registry.register(agent("a", "m-1", ProtocolVersion.CURRENT), T0))
                .isEmpty();
        assertThat(registry.memberOf("a")).contains("m-1");
    }

    @Test
    void keepsTheWarmUpAnAgentReportedAndNoneForAnAgentThatReportedNone() {
        WarmUp warmUp = new WarmUp(23_400, 21, 14_210.5, true, false, 60_000, 5, 0.03, null);
        registry.register(new AgentInfo("warm", "host", 2, ProtocolVersion.CURRENT, "dev", "m-warm", warmUp), T0);
        registry.register(agent("older", "m-older", ProtocolVersion.CURRENT), T0);

        assertThat(registry.list())
                .extracting(AgentView::id, AgentView::warmUp)
                .containsExactly(tuple("older", null), tuple("warm", warmUp));
    }

    @Test
    void forgetsTheAgentWhoseMemberLeft() {
        registry.register(agent("a", "m-1", ProtocolVersion.CURRENT), T0);

        assertThat(registry.removeMember("m-unknown")).isEmpty();
        assertThat(registry.removeMember("m-1")).contains("a");
        assertThat(registry.list()).isEmpty();
    }

    private static AgentInfo agent(String id, String member, int version) {
        return new AgentInfo(id, "host", 2, version, "dev", member);
    }
}
