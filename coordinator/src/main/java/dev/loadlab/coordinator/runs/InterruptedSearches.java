package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.OpenSearch;
import dev.loadlab.coordinator.model.RunJournal;
import dev.loadlab.coordinator.model.StepJournal;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.coordinator.search.RateSearch;
import dev.loadlab.coordinator.search.SearchOutcome;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concludes the search steps a stopped coordinator left half done, before their runs are failed: each gets a FAILED
 * step row whose search lists every probe stored before the stop (the knee among them, if any), so what was measured
 * stays visible. The interrupted probe's agent results are kept as agents re-deliver them, unjudged. Stateless.
 */
final class InterruptedSearches {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedSearches.class);

    private InterruptedSearches() {}

    /** Writes a step row for every open search; returns how many. */
    static int conclude(RunJournal runs, StepJournal steps, Instant now) {
        List<OpenSearch> open = steps.openSearches();
        for (OpenSearch search : open) {
            Optional<Scenario> scenario = runs.scenario(search.runId());
            if (scenario.isEmpty() || scenario.get().slo() == null) {
                continue;
            }
            List<StepPlan> plans = StepPlan.of(scenario.get());
            StepPlan plan = search.stepIndex() < plans.size()
                    ? plans.get(search.stepIndex())
                    : new StepPlan(search.stepIndex(), null, null);
            List<Probe> probes = steps.probes(search.runId(), search.stepIndex());
            String note = "the coordinator stopped during this search, after " + probes.size()
                    + " judged probe(s); they are kept, the search did not finish";
            SearchOutcome outcome = RateSearch.outcome(scenario.get().slo(), probes, note);
            StepRecord step = ResultMerger.notStarted(search.runId(), plan, now, now, note, false)
                    .asSearch(StepStatus.FAILED, now, now, outcome);
            steps.replaceStep(step);
            LOG.warn("run {} step {}: {}", search.runId(), search.stepIndex(), note);
        }
        return open.size();
    }
}
