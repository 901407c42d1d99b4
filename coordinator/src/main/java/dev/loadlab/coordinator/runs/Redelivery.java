package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.RunJournal;
import dev.loadlab.coordinator.model.StepJournal;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A result that arrives for a step no longer in flight: typically an agent re-delivering after a coordinator restart.
 * The agent's result is stored once; the step's merged rows are rebuilt from every agent result stored for it, so
 * nothing measured is lost and a second delivery changes nothing. Stateless apart from its collaborators.
 */
final class Redelivery {
    private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);

    private final RunJournal runs;
    private final StepJournal steps;
    private final Clock clock;

    Redelivery(RunJournal runs, StepJournal steps, Clock clock) {
        this.runs = runs;
        this.steps = steps;
        this.clock = clock;
    }

    /** Stores what is new in {@code result}; returns false when its run does not exist (nothing to keep it in). */
    boolean accept(StepResult result) {
        UUID runId = result.runId();
        Optional<Scenario> scenario = runs.scenario(runId);
        if (scenario.isEmpty()) {
            LOG.warn("dropping a result for unknown run {} from agent {}", runId, result.agentId());
            return false;
        }
        boolean added = steps.storeAgentResult(result, clock.instant());
        if (result.probe() > 0) {
            // One probe of a search: kept, but a search step is only ever concluded by the search that ran it.
            LOG.info(
                    "stored a re-delivered result of run {} step {} probe {} from agent {}",
                    runId,
                    result.stepIndex(),
                    result.probe(),
                    result.agentId());
            return true;
        }
        if (!added && steps.stepStored(runId, result.stepIndex())) {
            return true;
        }
        List<StepResult> all = steps.agentResults(StepKey.of(runId, result.stepIndex()));
        List<StepPlan> plans = StepPlan.of(scenario.get());
        StepPlan plan = result.stepIndex() < plans.size()
                ? plans.get(result.stepIndex())
                : new StepPlan(result.stepIndex(), null, null);
        StepRecord merged = ResultMerger.merge(
                        runId,
                        result.stepIndex(),
                        result.measuredFrom(),
                        clock.instant(),
                        Map.of(),
                        all,
                        StepOutcome.normal())
                .with(plan, null);
        steps.replaceStep(merged);
        LOG.info(
                "stored re-delivered result(s) for run {} step {}: {} agent(s), {} requests",
                runId,
                result.stepIndex(),
                all.size(),
                merged.requests());
        return true;
    }
}
