package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.search.GeneratorCheck;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import java.util.Comparator;
import java.util.List;

/**
 * Feeds a step's figures to {@link GeneratorCheck}: each agent's from its result, the target's from the usage sampled
 * over the measured window, the users and W from the load and the plan. Stateless.
 */
final class GeneratorHealth {
    private GeneratorHealth() {}

    /** Each agent's figures, in agent-id order. */
    static List<GeneratorCheck.Agent> agents(List<StepResult> results) {
        return results.stream()
                .sorted(Comparator.comparing(StepResult::agentId))
                .map(r -> new GeneratorCheck.Agent(
                        r.agentId(), r.cpuShare(), r.machineCpuShare(), r.cores(), r.behindSchedule()))
                .toList();
    }

    /**
     * {@code record} (its plan and target usage in place) with the generator verdict of every rule.
     *
     * @param load what the agents ran (a search probe's open-model load for a probe)
     * The target's capacity is the target host's own figure ({@code TargetUsage.capacityCores}: its profile's rule on
     * its machine's cores); without a target host's usage the rules that need it do not apply.
     */
    static StepRecord judge(StepRecord record, List<StepResult> results, Load load) {
        Double targetCapacityCores =
                record.targetUsage() == null ? null : record.targetUsage().capacityCores();
        StepPlan plan = record.plan();
        Integer closedUsers = load.model() == LoadModel.CLOSED && !load.staged() ? load.users() : null;
        GeneratorCheck.Verdict verdict = GeneratorCheck.check(
                agents(results),
                record.targetUsage() == null ? null : record.targetUsage().cpuCores(),
                targetCapacityCores,
                closedUsers,
                plan.workers());
        return record.withHealth(record.health().with(verdict));
    }
}
