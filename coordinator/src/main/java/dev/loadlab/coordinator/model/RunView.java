package dev.loadlab.coordinator.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.loadlab.coordinator.steady.Steadiness;
import dev.loadlab.protocol.scenario.Connections;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run with its scenario, its finished steps and, while a step runs, its live progress. {@code measurement} says in
 * words how the figures were measured, so a number is never shown without its method; {@code connections} (derived
 * from the scenario) names the connection behaviour every step of the run was measured with. {@code verdict} is what
 * the finished run says about its target ({@link RunVerdict}; null while it is queued or running), apart from {@code
 * status}, which says whether it ran. Immutable.
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
        RunVerdict verdict,
        Scenario scenario,
        List<StepView> steps,
        List<ScalingSeries> series,
        String queueReason,
        LiveProgress progress,
        Map<String, String> measurement) {

    /** How every figure in a step is measured; returned with each run. */
    public static final Map<String, String> MEASUREMENT = Map.ofEntries(
            Map.entry(
                    "requests",
                    "HTTP responses (errors included) that completed inside the measured window, summed over agents;"
                            + " warm-up responses are counted apart in warmupRequests"),
            Map.entry(
                    "throughputRps",
                    "requests divided by the measured window's length in seconds (measuredFrom: end of warm-up;"
                            + " measuredTo: the last response)"),
            Map.entry(
                    "latencyMs",
                    "Gatling response time (request sent to response received) in whole milliseconds (1 ms resolution);"
                            + " percentiles come from the exact sum of every agent's HdrHistogram, never from averages"),
            Map.entry(
                    "errors",
                    "responses with status >= 400 (http_4xx, http_5xx), requests that got no response (transport) or none"
                            + " within their timeout (timeout), and responses that failed a check (check; see"
                            + " failedChecks); one response counts at most one error"),
            Map.entry(
                    "failedChecks",
                    "per request: how many responses failed each named check (by its label, or save(NAME) for a failed"
                            + " extraction), summed over agents; one response can fail several checks but counts one error"),
            Map.entry(
                    "failureMessages",
                    "the first 20 distinct reasons requests failed, as the agents wrote them (each agent sends its first"
                            + " 10), taken in turn from each agent, with how many agents reported each"),
            Map.entry(
                    "flows",
                    "per flow: iterations that ended inside the measured window (completed; failed = those with any"
                            + " error), completedPerSecond = completed / the step's measured seconds, and latencyMs = the"
                            + " iteration's duration from its start to its end, think time included, from the exact sum of"
                            + " every agent's HdrHistogram"),
            Map.entry(
                    "stages",
                    "per load stage: the stage as asked, the measured seconds that started in it, the responses completed"
                            + " in those seconds over every agent and request, throughputRps = requests / seconds, and"
                            + " response-time percentiles from the exact sum of the agents' histograms"),
            Map.entry("targetCpuCores", TargetUsage.METHOD),
            Map.entry(
                    "connections",
                    "how the agents' virtual users held their TCP connections in every step of the run (the scenario's"
                            + " load.connections, or its model's default): per-user = each user its own keep-alive"
                            + " connection for the whole step (closed model's default; an open-model arrival its own for"
                            + " its flow), shared = one keep-alive pool for all users (open and search models' default),"
                            + " close-each = Connection: close on every request, a new connection each time; on a"
                            + " multi-process server keep-alive connections stay on the worker that accepted them, so"
                            + " this decides how the work spreads over workers"),
            Map.entry(
                    "startSkewMs",
                    "the latest agent's first request against the one start time all agents were given, in Hazelcast"
                            + " cluster time (ms; positive = late)"),
            Map.entry(
                    "generatorBound",
                    "true when any of generatorRules fired, each named with the figures it fired on: agent-cpu (an"
                            + " agent's process averaged over 90% of the cores it may use in the measured window),"
                            + " agent-half-machine (an agent's process used over 50% of the cores it may use while the target"
                            + " used under 90% of its capacity), machine-saturated (an agent's machine was over 90% busy, from"
                            + " /proc/stat, while the target used under 90% of its capacity and the agent at least 25% of its cores),"
                            + " open-model-behind (Gatling fell"
                            + " behind its open-model arrival schedule): the numbers then show the generator's limit, not the"
                            + " target's. The target's capacity is the cores its W workers can keep busy: min(W, machine"
                            + " cores) for the built-in profiles, 1 for threaded-gil, the machine's cores for a command"
                            + " profile; for an under-loaded step, at most its users"),
            Map.entry(
                    "underLoaded",
                    "true when a closed model ran fewer users than the target has workers: at most one worker per user"
                            + " can be busy, the scenario's choice and not a generator fault (underLoadedReason gives the"
                            + " figures); such a step is not flagged generator-bound for it"),
            Map.entry(
                    "series",
                    "per profile, one point per worker count: the median over repeats of throughput, of each repeat's own"
                            + " p99 and of target cores, with every repeat's throughput listed; for a search, the median knee"
                            + " rate (kneeRateRps) too; with repeats, repeatability = the coefficient of variation of the"
                            + " repeats' throughput (sample standard deviation / mean) and monotoneDrift = every repeat above"
                            + " the one before (or every one below), or from 4 repeats a Mann-Kendall trend with p < 0.05,"
                            + " and the last over 5% from the first, named in its note;"
                            + " unsteady = any repeat's measured window was unsteady"),
            Map.entry("steadiness", Steadiness.METHOD),
            Map.entry("verdict", RunVerdict.METHOD),
            Map.entry(
                    "timeline",
                    "GET /api/v1/runs/{id}/steps/{index}/timeline: responses completed in each second, merged across agents"
                            + " by adding their histograms"),
            Map.entry(
                    "search",
                    "search model only: each probe offers an open-model rate (rateRps, arrivals/s) for warmup + duration and"
                            + " is judged on its measured window: it passes when p99 <= slo.p99Ms, error rate <= slo.errorRate"
                            + " and it served at least 90% of the offered rate (a generator-bound probe never passes);"
                            + " kneeRateRps is the highest passing rate below the lowest failing one, and the step's own"
                            + " figures are that probe's"),
            Map.entry(
                    "slo",
                    "the step's verdict against the scenario's slo (when it has one): met, or the rules it broke: p99 above"
                            + " slo.p99Ms, error rate above slo.errorRate, under 90% of an open-model rate served, or a"
                            + " generator-bound step (its figures say nothing about the target); outcome = passed (met),"
                            + " failed (a rule broke on trustworthy figures) or inconclusive (generator-bound or unsteady:"
                            + " the figures cannot carry a verdict); a search step meets it when the search found a knee"));

    /**
     * The connection behaviour the run's steps were measured with: the scenario's choice or its model's default, as
     * written in a scenario ({@code per-user}, {@code shared}, {@code close-each}); null without a scenario. Shown, never
     * read back.
     */
    @JsonProperty(value = "connections", access = JsonProperty.Access.READ_ONLY)
    public String connections() {
        if (scenario == null || scenario.load() == null || scenario.load().model() == null) {
            return null;
        }
        Connections effective = scenario.load().connectionsOrDefault();
        return effective.wireName();
    }

    /** This run with its steps as judged, the series derived from them and its verdict. */
    public RunView withJudgement(
            List<StepView> judgedSteps, List<ScalingSeries> derivedSeries, RunVerdict judgedVerdict) {
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
                judgedVerdict,
                scenario,
                judgedSteps,
                derivedSeries,
                queueReason,
                progress,
                measurement);
    }

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
                verdict,
                scenario,
                steps,
                series,
                reason,
                live,
                measurement);
    }
}
