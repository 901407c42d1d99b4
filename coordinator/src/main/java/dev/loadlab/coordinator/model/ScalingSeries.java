package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.steady.RepeatCheck;
import dev.loadlab.coordinator.steady.Repeatability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A run's steps as chart-ready series: per profile, one point per worker count with throughput, p99 and the target's
 * cores. With repeats, a point carries the median of the repeats and every repeat's throughput, so the spread stays
 * visible; p99 is the median of the repeats' own p99s (each from its exact histogram), not a percentile of percentiles.
 * For a search, {@code kneeRateRps} is the median knee of the repeats (the highest rate that met the SLO), and the
 * other figures are the knee probes'. {@code generatorBound}, {@code underLoaded} and {@code unsteady} are true when
 * any repeat was. {@code repeatability} is the repeats' spread (coefficient of variation) and whether they drifted
 * monotonically from one to the next, null for a single repeat. Immutable.
 */
public record ScalingSeries(String profile, List<Point> points) {
    /** One worker count of one profile. */
    public record Point(
            Integer workers,
            int repeats,
            double throughputRps,
            long p99Ms,
            Double targetCpuCores,
            List<Double> throughputRpsByRepeat,
            boolean generatorBound,
            Double kneeRateRps,
            boolean underLoaded,
            Repeatability repeatability,
            boolean unsteady) {}

    /** Series of the succeeded or degraded steps, profiles in the order they ran; empty for a run without steps. */
    public static List<ScalingSeries> of(List<StepView> steps) {
        Map<String, Map<Integer, List<StepView>>> cells = new LinkedHashMap<>();
        for (StepView step : steps) {
            if (step.status() == StepStatus.SUCCEEDED || step.status() == StepStatus.DEGRADED) {
                cells.computeIfAbsent(
                                step.profile() == null ? "as-is" : step.profile(),
                                p -> new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder())))
                        .computeIfAbsent(step.workers(), w -> new ArrayList<>())
                        .add(step);
            }
        }
        List<ScalingSeries> series = new ArrayList<>();
        cells.forEach((profile, byWorkers) -> {
            List<Point> points = new ArrayList<>();
            byWorkers.forEach((workers, repeats) -> points.add(point(workers, repeats)));
            series.add(new ScalingSeries(profile, points));
        });
        return series;
    }

    private static Point point(Integer workers, List<StepView> repeats) {
        List<Double> throughput = repeats.stream().map(StepView::throughputRps).toList();
        double[] p99 = repeats.stream().mapToDouble(s -> s.latencyMs().p99()).toArray();
        List<Double> cores = repeats.stream()
                .map(StepView::targetCpuCores)
                .filter(Objects::nonNull)
                .toList();
        return new Point(
                workers,
                repeats.size(),
                median(throughput.stream().mapToDouble(Double::doubleValue).toArray()),
                Math.round(median(p99)),
                cores.isEmpty()
                        ? null
                        : median(cores.stream().mapToDouble(Double::doubleValue).toArray()),
                throughput,
                repeats.stream().anyMatch(StepView::generatorBound),
                knee(repeats),
                repeats.stream().anyMatch(StepView::underLoaded),
                RepeatCheck.judge(throughput),
                repeats.stream().anyMatch(StepView::unsteady));
    }

    /** The median knee over the repeats whose search found one; null when none searched or none found a knee. */
    private static Double knee(List<StepView> repeats) {
        double[] knees = repeats.stream()
                .filter(s -> s.search() != null && s.search().kneeRateRps() != null)
                .mapToDouble(s -> s.search().kneeRateRps())
                .toArray();
        return knees.length == 0 ? null : median(knees);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
