package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.search.Measured;
import dev.loadlab.coordinator.search.Probe;
import dev.loadlab.coordinator.search.RateSearch;
import dev.loadlab.coordinator.search.SearchOutcome;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The search of the step in flight: which probe runs next and with what load, and, as each probe's merged record
 * arrives, whether the search goes on or the step is finished. A finished search step carries the knee probe's
 * figures; a cancelled or failed one the figures of the probe that ended it, with its status. Owned by the
 * scheduler's thread; not thread-safe.
 */
final class SearchStep {
    /** What a finished probe led to: the probe as judged (null when it was not judged), and the step when it ended. */
    record Next(Probe judged, StepRecord finished) {}

    private final RateSearch search;
    private final Instant startedAt;
    private final Map<Integer, StepRecord> records = new HashMap<>();

    SearchStep(Scenario scenario, Instant startedAt) {
        this.search = new RateSearch(scenario.load(), scenario.slo());
        this.startedAt = startedAt;
    }

    int nextProbe() {
        return search.nextProbeNumber();
    }

    /** What the agents run for the next probe: {@code scenario} with an open-model load at the next rate. */
    Scenario probeScenario(Scenario scenario) {
        return scenario.withLoad(scenario.load().probe(search.nextRate().orElseThrow()));
    }

    /**
     * Takes the merged record of probe {@code probe} (offered {@code rate}); {@code cancelled} when the run or the
     * probe was cancelled. A cancelled or failed probe ends the search unjudged.
     */
    Next onProbeDone(int probe, double rate, StepRecord record, boolean cancelled, Instant now) {
        StepStatus status = record.status();
        Probe judged = null;
        if (cancelled || status == StepStatus.CANCELLED) {
            status = StepStatus.CANCELLED;
            search.stop("the run was cancelled during probe " + probe + " at " + rate
                    + "/s; the probes before it are kept, the search did not finish");
        } else if (status == StepStatus.FAILED) {
            search.stop(
                    "probe " + probe + " at " + rate + "/s failed: " + record.failure() + "; the search stopped there");
        } else {
            LatencyMs latency = record.latencyMs();
            judged = search.record(new Measured(
                    record.requests(),
                    record.errors(),
                    record.throughputRps(),
                    latency.p50(),
                    latency.p99(),
                    record.targetUsage() == null ? null : record.targetUsage().cpuCores(),
                    record.health().generatorBound()));
            records.put(judged.number(), record);
        }
        if (search.nextRate().isPresent()) {
            return new Next(judged, null);
        }
        SearchOutcome outcome = search.outcome();
        boolean ended = status == StepStatus.SUCCEEDED || status == StepStatus.DEGRADED;
        StepRecord base = ended && outcome.kneeProbe() != null ? records.get(outcome.kneeProbe()) : record;
        return new Next(judged, base.asSearch(status, startedAt, now, outcome));
    }
}
