package dev.loadlab.coordinator.compare;

import dev.loadlab.coordinator.model.StepMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the steps of two runs by (profile, workers, request name, repeat): the totals of a step are request name
 * {@value StepMetrics#ALL}, and each stored request name is matched on its own. Order follows the baseline; what only
 * one side has is listed in that side's order. Stateless and thread-safe.
 */
final class StepMatcher {
    private StepMatcher() {}

    record Key(String profile, Integer workers, String request, int repeat) {
        static Key of(StepMetrics step) {
            return new Key(step.profile(), step.workers(), step.request(), step.repeat());
        }
    }

    record Pair(StepMetrics baseline, StepMetrics candidate) {}

    record Matching(List<Pair> matched, List<StepMetrics> onlyInBaseline, List<StepMetrics> onlyInCandidate) {}

    static Matching match(List<StepMetrics> baseline, List<StepMetrics> candidate) {
        Map<Key, StepMetrics> remaining = new LinkedHashMap<>();
        for (StepMetrics step : candidate) {
            remaining.putIfAbsent(Key.of(step), step);
        }
        List<Pair> matched = new ArrayList<>();
        List<StepMetrics> onlyInBaseline = new ArrayList<>();
        for (StepMetrics step : baseline) {
            StepMetrics other = remaining.remove(Key.of(step));
            if (other == null) {
                onlyInBaseline.add(step);
            } else {
                matched.add(new Pair(step, other));
            }
        }
        List<StepMetrics> onlyInCandidate = candidate.stream()
                .filter(step -> matched.stream().noneMatch(pair -> pair.candidate() == step))
                .toList();
        return new Matching(matched, onlyInBaseline, onlyInCandidate);
    }

    /** The repeat number for JSON: absent for a run's first step of a shape, the usual case. */
    static Integer repeatOrNull(StepMetrics step) {
        return step.repeat() == 0 ? null : step.repeat();
    }
}
