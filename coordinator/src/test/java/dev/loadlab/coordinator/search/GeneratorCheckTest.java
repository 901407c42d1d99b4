package dev.loadlab.coordinator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.search.GeneratorCheck.Agent;
import dev.loadlab.coordinator.search.GeneratorCheck.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorCheckTest {
    private static Agent agent(String id, Double cpuShare, Double machineCpuShare, Integer cores) {
        return new Agent(id, cpuShare, machineCpuShare, cores, false);
    }

    private static List<String> names(Verdict verdict) {
        return verdict.rules().stream().map(GeneratorRule::rule).toList();
    }

    @Test
    void anAgentAboveNinetyPercentOfItsCoresIsTheLimitWhateverTheTarget() {
        Verdict over = GeneratorCheck.check(List.of(agent("a-1", 0.95, null, 2)), null, null, null, null);
        assertThat(names(over)).containsExactly(GeneratorCheck.AGENT_CPU);
        assertThat(over.generatorBound()).isTrue();
        assertThat(over.reason())
                .isEqualTo("agent a-1 averaged 95 % of its 2 cores over the measured window (limit 90 %)");

        Verdict under = GeneratorCheck.check(List.of(agent("a-1", 0.89, null, 2)), null, null, null, null);
        assertThat(under.rules()).isEmpty();
        assertThat(under.generatorBound()).isFalse();
        assertThat(under.reason()).isNull();
    }

    @Test
    void theBusiestAgentIsTheOneNamed() {
        Verdict verdict = GeneratorCheck.check(
                List.of(agent("a-1", 0.92, null, 4), agent("a-2", 0.99, null, 1)), null, null, null, null);
        assertThat(verdict.rules()).singleElement().satisfies(rule -> assertThat(rule.detail())
                .startsWith("agent a-2 averaged 99 % of its 1 core"));
    }

    @Test
    void anAgentAboveHalfItsCoresWhileTheTargetHadRoomIsTheLimit() {
        Verdict verdict = GeneratorCheck.check(List.of(agent("a-1", 0.59, 0.7, 2)), 0.95, 2.0, null, null);
        assertThat(names(verdict)).containsExactly(GeneratorCheck.AGENT_HALF_MACHINE);
        assertThat(verdict.rules().getFirst().detail())
                .isEqualTo(
                        "agent a-1 used 59 % of its 2 cores (limit 50 %) while the target used 0.95 of its 2.0 cores");
    }

    @Test
    void anAgentAtHalfItsCoresIsNotTheLimit() {
        assertThat(GeneratorCheck.check(List.of(agent("a-1", 0.5, 0.7, 2)), 0.95, 2.0, null, null)
                        .rules())
                .isEmpty();
    }

    @Test
    void aTargetAtNinetyPercentOfItsCapacityWasTheLimitNotTheAgentBesideIt() {
        // 1.8 of 2.0 cores is at the bound: the target was saturated, the busy agent and machine are its consequence.
        Verdict saturated = GeneratorCheck.check(List.of(agent("a-1", 0.8, 0.99, 2)), 1.8, 2.0, null, null);
        assertThat(saturated.rules()).isEmpty();

        Verdict below = GeneratorCheck.check(List.of(agent("a-1", 0.8, 0.99, 2)), 1.79, 2.0, null, null);
        assertThat(names(below)).containsExactly(GeneratorCheck.AGENT_HALF_MACHINE, GeneratorCheck.MACHINE_SATURATED);
    }

    @Test
    void aSaturatedMachineWhileTheTargetHadRoomIsTheLimit() {
        Verdict verdict = GeneratorCheck.check(List.of(agent("a-1", 0.3, 0.97, 4)), 1.2, 2.0, null, null);
        assertThat(names(verdict)).containsExactly(GeneratorCheck.MACHINE_SATURATED);
        assertThat(verdict.reason())
                .isEqualTo("the machine of agent a-1 was 97 % busy (limit 90 %) while the target used 1.20 of its 2.0"
                        + " cores");

        assertThat(GeneratorCheck.check(List.of(agent("a-1", 0.3, 0.9, 4)), 1.2, 2.0, null, null)
                        .rules())
                .isEmpty();
    }

    @Test
    void aSaturatedMachineDoesNotCountAgainstAnAgentThatNeededLittleCpu() {
        // Other work kept every core busy while one user's latency-bound load needed a fifth of a core.
        assertThat(GeneratorCheck.check(List.of(agent("a-1", 0.24, 0.99, 1)), 0.07, 1.0, 1, 4)
                        .rules())
                .isEmpty();
        assertThat(names(GeneratorCheck.check(List.of(agent("a-1", 0.25, 0.99, 1)), 0.07, 1.0, 1, 4)))
                .containsExactly(GeneratorCheck.MACHINE_SATURATED);
    }

    @Test
    void withoutTheTargetsFiguresOnlyTheRulesThatNeedNoneApply() {
        Agent busy = agent("a-1", 0.8, 0.99, 2);
        assertThat(names(GeneratorCheck.check(List.of(busy), null, 2.0, null, null)))
                .as("unknown target CPU: only the saturated-machine rule for a target nobody samples")
                .containsExactly(GeneratorCheck.MACHINE_SATURATED);
        assertThat(GeneratorCheck.check(List.of(busy), 0.5, null, null, null).rules())
                .isEmpty();
        assertThat(GeneratorCheck.check(List.of(agent("a-1", null, null, null)), 0.5, 2.0, null, null)
                        .rules())
                .isEmpty();
    }

    @Test
    void anOpenModelBehindItsScheduleIsTheLimit() {
        Verdict verdict = GeneratorCheck.check(
                List.of(new Agent("a-1", 0.2, 0.3, 2, true), new Agent("a-2", 0.2, 0.3, 2, false)),
                1.9,
                2.0,
                null,
                null);
        assertThat(names(verdict)).containsExactly(GeneratorCheck.OPEN_MODEL_BEHIND);
        assertThat(verdict.reason()).isEqualTo("Gatling fell behind its open-model arrival schedule on agent(s) [a-1]");
    }

    @Test
    void everyRuleThatFiredIsNamedAndTheDetailsJoined() {
        Verdict verdict = GeneratorCheck.check(List.of(new Agent("a-1", 0.97, 0.99, 1, true)), 0.6, 2.0, null, null);
        assertThat(names(verdict))
                .containsExactly(
                        GeneratorCheck.AGENT_CPU,
                        GeneratorCheck.AGENT_HALF_MACHINE,
                        GeneratorCheck.MACHINE_SATURATED,
                        GeneratorCheck.OPEN_MODEL_BEHIND);
        assertThat(verdict.reason().split("; ")).hasSize(4);
    }

    @Test
    void fewerClosedUsersThanWorkersIsUnderLoadedNotAGeneratorFault() {
        // 4 users keep at most 4 of 8 workers busy: 3.7 of the 8 cores is the target at what the users allow.
        Verdict verdict = GeneratorCheck.check(List.of(agent("a-1", 0.55, 0.95, 16)), 3.7, 8.0, 4, 8);
        assertThat(verdict.underLoaded()).isTrue();
        assertThat(verdict.underLoadedReason())
                .isEqualTo("4 users for 8 workers: at most 4 workers can be busy; the scenario's choice, not a"
                        + " generator fault");
        assertThat(verdict.generatorBound()).isFalse();
    }

    @Test
    void anUnderLoadedStepStillFlagsAGeneratorBelowWhatItsUsersAllow() {
        Verdict verdict = GeneratorCheck.check(List.of(agent("a-1", 0.55, 0.95, 16)), 2.0, 8.0, 4, 8);
        assertThat(verdict.underLoaded()).isTrue();
        assertThat(names(verdict)).containsExactly(GeneratorCheck.AGENT_HALF_MACHINE, GeneratorCheck.MACHINE_SATURATED);
        assertThat(verdict.rules().getFirst().detail())
                .endsWith("while the target used 2.00 of its 4.0 cores (as many as the users can keep busy)");
    }

    @Test
    void asManyUsersAsWorkersIsNotUnderLoaded() {
        assertThat(GeneratorCheck.check(List.of(), 1.0, 2.0, 2, 2).underLoaded())
                .isFalse();
        assertThat(GeneratorCheck.check(List.of(), 1.0, 2.0, 1, 2).underLoadedReason())
                .startsWith("1 user for 2 workers: at most 1 worker can be busy");
        assertThat(GeneratorCheck.check(List.of(), 1.0, 2.0, null, 2).underLoaded())
                .isFalse();
        assertThat(GeneratorCheck.check(List.of(), 1.0, 2.0, 1, null).underLoaded())
                .isFalse();
    }

    @Test
    void aTargetWithoutItsOwnFiguresFlagsAnAgentTakingHalfASaturatedMachine() {
        // nginx or the user's own app: no target host samples it, so only the agent's and the machine's figures exist.
        Verdict bound = GeneratorCheck.check(List.of(agent("a-1", 0.72, 0.97, 2)), null, null, 64, null);
        assertThat(bound.rules()).extracting(GeneratorRule::rule).containsExactly(GeneratorCheck.MACHINE_SATURATED);
        assertThat(bound.reason())
                .isEqualTo("the machine of agent a-1 was 97 % busy (limit 90 %) and the agent used 72 % of its 2 cores"
                        + " (limit 50 %); the target's own CPU is unknown (no target host sampled it), so the generator"
                        + " may have been the limit");

        assertThat(GeneratorCheck.check(List.of(agent("a-1", 0.5, 0.97, 2)), null, null, 64, null)
                        .generatorBound())
                .as("an agent at no more than half its cores")
                .isFalse();
        assertThat(GeneratorCheck.check(List.of(agent("a-1", 0.72, 0.9, 2)), null, null, 64, null)
                        .generatorBound())
                .as("a machine at no more than 90 % busy")
                .isFalse();
        assertThat(GeneratorCheck.check(List.of(agent("a-1", 0.72, 0.97, 2)), 0.9, 1.0, 64, 1)
                        .generatorBound())
                .as("a target known to be at its capacity")
                .isFalse();
    }
}
