package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.target.TargetUsage;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run with its scenario, its finished steps and, while a step runs, its live progress. {@code measurement} says in
 * words how the figures were measured, so a number is never shown without its method. Immutable.
 */
public record RunView(
        String id,
        String name,
        Integer scenarioVersion,
        Map<String, String> labels,
        RunStatus status,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        String failure,
        Scenario scenario,
        List<StepView> steps,
        List<ScalingSeries> series,
        String queueReason,
        LiveProgress progress,
        Map<String, String> measurement) {

    /** How every figure in a step is measured; returned with each run. */
    public static final Map<String, String> MEASUREMENT = Map.of(
            "requests",
            "HTTP responses (errors included) that completed inside the measured window, summed over agents;"
                    + " warm-up responses are counted apart in warmupRequests",
            "throughputRps",
            "requests divided by the measured window's length in seconds (measuredFrom: end of warm-up;"
                    + " measuredTo: the last response)",
            "latencyMs",
            "Gatling response time (request sent to response received) in whole milliseconds (1 ms resolution);"
                    + " percentiles come from the exact sum of every agent's HdrHistogram, never from averages",
            "errors",
            "responses with status >= 400 (http_4xx, http_5xx) and requests that got no response (transport)",
            "targetCpuCores",
            TargetUsage.METHOD,
            "startSkewMs",
            "the latest agent's first request against the one start time all agents were given, in Hazelcast"
                    + " cluster time (ms; positive = late)",
            "generatorBound",
            "true when an agent averaged over 90% of its cores in the measured window, or Gatling fell behind its"
                    + " open-model arrival schedule: the numbers then show the generator's limit, not the target's",
            "series",
            "per profile, one point per worker count: the median over repeats of throughput, of each repeat's own"
                    + " p99 and of target cores, with every repeat's throughput listed; for a search, the median knee"
                    + " rate (kneeRateRps) too",
            "timeline",
            "GET /api/v1/runs/{id}/steps/{index}/timeline: responses completed in each second, merged across agents"
                    + " by adding their histograms",
            "search",
            "search model only: each probe offers an open-model rate (rateRps, arrivals/s) for warmup + duration and"
                    + " is judged on its measured window: it passes when p99 <= slo.p99Ms, error rate <= slo.errorRate"
                    + " and it served at least 90% of the offered rate (a generator-bound probe never passes);"
                    + " kneeRateRps is the highest passing rate below the lowest failing one, and the step's own"
                    + " figures are that probe's");

    /** This run with what only the scheduler knows: why it waits, how far its running step is. */
    public RunView withLive(String reason, LiveProgress live) {
        return new RunView(
                id,
                name,
                scenarioVersion,
                labels,
                status,
                submittedAt,
                startedAt,
                finishedAt,
                failure,
                scenario,
                steps,
                series,
                reason,
                live,
                measurement);
    }
}
