package dev.loadlab.coordinator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A sweep run's results as the scaling table and the findings read them: what was run (path, load) and one cell per
 * profile × worker count from the run's {@code series}. Built from the run JSON the REST API returns. Immutable.
 *
 * @param generatorReason why the first generator-bound step was flagged, or null when none was
 * @param underLoadedReason why the first under-loaded step was, or null when none was
 * @param unsteady one note per step whose measured window was unsteady ({@code "multi-process W=1: throughput
 *     drifted ..."}), in step order; empty when none was
 * @param steadinessJudged whether any step's steadiness was judged (steps stored before the check have none)
 */
record ScalingResult(
        String scenario,
        String runId,
        String status,
        String requests,
        String model,
        int users,
        String warmup,
        String duration,
        List<String> profiles,
        List<Integer> workers,
        List<Cell> cells,
        String generatorReason,
        String underLoadedReason,
        List<String> unsteady,
        boolean steadinessJudged) {

    /**
     * One profile at one worker count; {@code targetCpuCores} is null when the target host did not report it; {@code
     * underLoaded} when it ran fewer closed-model users than workers (the scenario's choice, not a generator fault).
     */
    record Cell(
            String profile,
            int workers,
            double throughputRps,
            long p99Ms,
            Double targetCpuCores,
            boolean generatorBound,
            boolean underLoaded,
            boolean unsteady) {
        /** A cell that was not under-loaded. */
        Cell(String profile, int workers, double throughputRps, long p99Ms, Double targetCpuCores, boolean bound) {
            this(profile, workers, throughputRps, p99Ms, targetCpuCores, bound, false, false);
        }

        /** A steady cell (or one not judged). */
        Cell(
                String profile,
                int workers,
                double throughputRps,
                long p99Ms,
                Double targetCpuCores,
                boolean bound,
                boolean underLoaded) {
            this(profile, workers, throughputRps, p99Ms, targetCpuCores, bound, underLoaded, false);
        }
    }

    ScalingResult {
        profiles = List.copyOf(profiles);
        workers = List.copyOf(workers);
        cells = List.copyOf(cells);
        unsteady = List.copyOf(unsteady);
    }

    /** A result whose steadiness was not judged (steps stored before the check). */
    ScalingResult(
            String scenario,
            String runId,
            String status,
            String requests,
            String model,
            int users,
            String warmup,
            String duration,
            List<String> profiles,
            List<Integer> workers,
            List<Cell> cells,
            String generatorReason,
            String underLoadedReason) {
        this(
                scenario,
                runId,
                status,
                requests,
                model,
                users,
                warmup,
                duration,
                profiles,
                workers,
                cells,
                generatorReason,
                underLoadedReason,
                List.of(),
                false);
    }

    Optional<Cell> cell(String profile, int w) {
        return cells.stream()
                .filter(c -> c.profile().equals(profile) && c.workers() == w)
                .findFirst();
    }

    /** Cells of one profile, fewest workers first. */
    List<Cell> row(String profile) {
        return cells.stream()
                .filter(c -> c.profile().equals(profile))
                .sorted((a, b) -> Integer.compare(a.workers(), b.workers()))
                .toList();
    }

    static ScalingResult of(JsonNode run) {
        JsonNode scenario = run.get("scenario");
        JsonNode load = scenario.get("load");
        List<String> requests = new ArrayList<>();
        for (JsonNode request : scenario.get("workload").get("requests")) {
            requests.add(request.path("method").asText("GET") + " "
                    + request.get("path").asText());
        }
        LinkedHashSet<String> profiles = new LinkedHashSet<>();
        TreeSet<Integer> workers = new TreeSet<>();
        JsonNode target = scenario.get("target");
        target.path("profiles").forEach(p -> profiles.add(p.asText()));
        target.path("workers").forEach(w -> workers.add(w.asInt()));
        List<Cell> cells = new ArrayList<>();
        for (JsonNode series : run.path("series")) {
            String profile = series.get("profile").asText();
            profiles.add(profile);
            for (JsonNode point : series.get("points")) {
                if (!point.path("workers").isNumber()) {
                    continue; // a target used as-is has no worker count: not a scaling cell
                }
                int w = point.get("workers").asInt();
                workers.add(w);
                cells.add(new Cell(
                        profile,
                        w,
                        point.get("throughputRps").asDouble(),
                        point.get("p99Ms").asLong(),
                        point.path("targetCpuCores").isNumber()
                                ? point.get("targetCpuCores").asDouble()
                                : null,
                        point.path("generatorBound").asBoolean(),
                        point.path("underLoaded").asBoolean(),
                        point.path("unsteady").asBoolean()));
            }
        }
        String reason = null;
        String underLoaded = null;
        List<String> unsteady = new ArrayList<>();
        boolean judged = false;
        for (JsonNode step : run.path("steps")) {
            JsonNode steadiness = step.path("steadiness");
            judged |= steadiness.isObject();
            if (steadiness.path("unsteady").asBoolean()) {
                unsteady.add(step.path("profile").asText("as-is") + " W="
                        + step.path("workers").asText("-")
                        + (step.path("repeat").asInt() > 0
                                ? " repeat " + (step.path("repeat").asInt() + 1)
                                : "")
                        + ": " + steadiness.path("reason").asText("drifted"));
            }
            if (step.path("generatorBound").asBoolean() && reason == null) {
                reason = step.path("generatorReason").asText(null);
            }
            if (step.path("underLoaded").asBoolean() && underLoaded == null) {
                underLoaded = step.path("underLoadedReason").asText(null);
            }
        }
        return new ScalingResult(
                run.get("name").asText(),
                run.get("id").asText(),
                run.get("status").asText(),
                String.join(", ", requests),
                load.get("model").asText(),
                load.path("users").asInt(),
                load.path("warmup").asText("0s"),
                load.get("duration").asText(),
                List.copyOf(profiles),
                List.copyOf(workers),
                cells,
                reason,
                underLoaded,
                unsteady,
                judged);
    }
}
