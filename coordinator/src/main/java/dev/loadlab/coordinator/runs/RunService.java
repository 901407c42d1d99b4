package dev.loadlab.coordinator.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadlab.coordinator.export.CsvExport;
import dev.loadlab.coordinator.export.Export;
import dev.loadlab.coordinator.export.ExportFormat;
import dev.loadlab.coordinator.export.HlogExport;
import dev.loadlab.coordinator.export.HtmlExport;
import dev.loadlab.coordinator.export.JunitExport;
import dev.loadlab.coordinator.model.CancelOutcome;
import dev.loadlab.coordinator.model.LatencyDistribution;
import dev.loadlab.coordinator.model.RunCursor;
import dev.loadlab.coordinator.model.RunFilter;
import dev.loadlab.coordinator.model.RunJudge;
import dev.loadlab.coordinator.model.RunPage;
import dev.loadlab.coordinator.model.RunReader;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.ScenarioCatalog;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.coordinator.scenarios.MergePatch;
import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import dev.loadlab.protocol.scenario.ScenarioFormat;
import dev.loadlab.protocol.scenario.ScenarioReferences;
import dev.loadlab.protocol.target.TargetAllowlist;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the REST API can do with runs: submit (validate, then store and queue), read one, list. Validation here adds
 * the coordinator's own rules to the scenario's: the target host must be allowlisted, and each agent needs a user.
 * Thread-safe.
 */
public final class RunService {
    public static final int MAX_LIST_LIMIT = 500;

    private final RunReader reader;
    private final ScenarioCatalog scenarios;
    private final RunScheduler scheduler;
    private final TargetAllowlist allowlist;
    private final ScenarioReferences references;

    /** {@code references}: the datasets and secrets stored now, which every scenario's references are checked against. */
    public RunService(
            RunReader reader,
            ScenarioCatalog scenarios,
            RunScheduler scheduler,
            TargetAllowlist allowlist,
            ScenarioReferences references) {
        this.reader = reader;
        this.references = references;
        this.scenarios = scenarios;
        this.scheduler = scheduler;
        this.allowlist = allowlist;
    }

    /** Validates {@code text} (JSON or YAML) whole before anything is written; returns the new run's id. */
    public UUID submit(String text, ScenarioFormat format, Map<String, String> labels) {
        return scheduler.submit(validate(text, format), null, labels);
    }

    /**
     * Starts the latest version of a saved scenario; empty when there is no such scenario. A {@code patch} (JSON Merge
     * Patch, RFC 7396, or null for none) runs a changed copy, e.g. shorter, without saving a new version: the patched
     * document is validated whole like a submitted run, and the run still records the version it started from.
     */
    public Optional<UUID> submitSaved(String name, String patch, Map<String, String> labels) {
        return scenarios.find(name, null).map(saved -> {
            Scenario scenario = patch == null ? saved.scenario() : patched(saved.scenario(), patch);
            checkCoordinatorRules(scenario);
            return scheduler.submit(scenario, saved.version(), labels);
        });
    }

    private Scenario patched(Scenario saved, String patch) {
        JsonNode changes;
        try {
            changes = Json.strict().readTree(patch);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "$", "is not valid JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (changes == null || !changes.isObject()) {
            throw new InvalidInputException(
                    "$", "must be a JSON object: a merge patch (RFC 7396) over the saved scenario " + saved.name());
        }
        if (changes.has("name") && !changes.get("name").asText().equals(saved.name())) {
            throw new InvalidInputException(
                    "$.name",
                    "cannot be changed by a patch: the run starts from saved scenario \"" + saved.name() + "\"");
        }
        JsonNode original = Json.read(ScenarioCodec.encode(saved), JsonNode.class);
        // A staged load's duration is derived from its stages (Load fills it in, so it is encoded too); a document
        // sent back with it would state both, which a staged load may not: patch the load as the user wrote it.
        if (saved.load().staged() && original.path("load") instanceof ObjectNode load) {
            load.remove("duration");
        }
        JsonNode document = MergePatch.apply(original, changes);
        return ScenarioCodec.decode(document.toString(), ScenarioFormat.JSON, references);
    }

    /**
     * A scenario as the coordinator will run it: the contract's rules, its dataset and secrets stored, plus this
     * coordinator's own rules.
     */
    public Scenario validate(String text, ScenarioFormat format) {
        Scenario scenario = ScenarioCodec.decode(text, format, references);
        checkCoordinatorRules(scenario);
        return scenario;
    }

    private void checkCoordinatorRules(Scenario scenario) {
        List<FieldError> errors = new ArrayList<>(TargetChecks.refusals(allowlist, scenario));
        // A staged load's agents each take a share of every stage; a stage may well have fewer users than agents.
        if (scenario.load().model() == LoadModel.CLOSED
                && !scenario.load().staged()
                && scenario.load().users() < scenario.agents()) {
            errors.add(new FieldError(
                    "$.load.users",
                    "must be at least $.agents (" + scenario.agents() + ") so that every agent has a user, was "
                            + scenario.load().users()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** The run with its steps and, while it waits or runs, why it waits or how far it is. */
    public Optional<RunView> find(UUID id) {
        return reader.findRun(id)
                .map(RunJudge::judged)
                .map(run -> run.status().isFinal()
                        ? run
                        : run.withLive(
                                scheduler.queueReason(id).orElse(null),
                                scheduler.progress(id).orElse(null)));
    }

    /**
     * The run as {@link #find} shows it, rendered in {@code format}; empty when there is no such run. The hlog format
     * reads each stored step's merged histogram too, the html format each stored step's timeline.
     */
    public Optional<Export> export(UUID id, ExportFormat format) {
        return find(id).map(run -> new Export(
                format,
                format.fileName(run.id()),
                switch (format) {
                    case CSV -> CsvExport.write(run).getBytes(StandardCharsets.UTF_8);
                    case JUNIT -> JunitExport.write(run).getBytes(StandardCharsets.UTF_8);
                    case HLOG -> HlogExport.write(run, reader.stepHistograms(id));
                    case HTML -> HtmlExport.write(run, timelines(id, run)).getBytes(StandardCharsets.UTF_8);
                }));
    }

    /** The stored seconds of each of the run's stored steps, by step index. */
    private SortedMap<Integer, List<TimelinePoint>> timelines(UUID id, RunView run) {
        SortedMap<Integer, List<TimelinePoint>> timelines = new TreeMap<>();
        for (StepView step : run.steps()) {
            timelines.put(step.index(), reader.timeline(id, step.index()));
        }
        return timelines;
    }

    /** Cancels a run; empty when there is no such run. */
    public Optional<CancelOutcome> cancel(UUID id) {
        Optional<RunView> run = reader.findRun(id);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        if (run.get().status().isFinal()) {
            return Optional.of(CancelOutcome.ALREADY_FINAL);
        }
        return Optional.of(scheduler.cancel(id));
    }

    /** The stored per-second timeline of one step; empty when the run or the step does not exist. */
    public Optional<List<TimelinePoint>> timeline(UUID id, int stepIndex) {
        Optional<RunView> run = reader.findRun(id);
        if (run.isEmpty()
                || stepIndex < 0
                || stepIndex >= StepPlan.of(run.get().scenario()).size()) {
            return Optional.empty();
        }
        return Optional.of(reader.timeline(id, stepIndex));
    }

    /**
     * One stored step's latency distribution from its merged histogram; empty when the run does not exist or has no
     * stored step {@code stepIndex} (not run yet, or still running: the histogram is stored when the step ends).
     */
    public Optional<LatencyDistribution> percentiles(UUID id, int stepIndex) {
        if (stepIndex < 0 || reader.findRun(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(reader.stepHistograms(id).get(stepIndex))
                .map(histogram -> LatencyDistribution.of(id.toString(), stepIndex, histogram));
    }

    public RunPage list(RunFilter filter, int limit, RunCursor cursor) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIST_LIMIT + ", was " + limit);
        }
        return reader.listRuns(filter, limit, cursor);
    }
}
