package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.search.GeneratorCheck;
import dev.loadlab.coordinator.search.TargetCapacity;
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
     * @param targetCapacityCores how many cores the target's workers can keep busy at most, null when unknown
     */
    static StepRecord judge(StepRecord record, List<StepResult> results, Load load, Double targetCapacityCores) {
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

    /**
     * The target's capacity by the profiles' rule ({@link TargetCapacity}), from the step's plan and the cores of the
     * machine the target runs on.
     */
    static double capacityFromPlan(StepPlan plan, int targetMachineCores) {
        return TargetCapacity.cores(plan.profile(), plan.workers(), targetMachineCores);
    }
}
