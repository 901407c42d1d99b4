package dev.loadlab.coordinator.targetcontrol;

import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.model.TargetUsage.WorkerRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cuts a target host's samples to a step's measured window: the {@link TargetUsage} the step stores. Stateless.
 */
public final class UsageWindow {
    private UsageWindow() {}

    /** Usage over {@code [from, to]}, or empty when there are fewer than two samples or no window. */
    public static Optional<TargetUsage> of(List<TargetSample> samples, Instant from, Instant to) {
        List<TargetSample> sorted =
                samples.stream().sorted(Comparator.comparing(TargetSample::at)).toList();
        if (sorted.size() < 2 || from == null || to == null || !to.isAfter(from)) {
            return Optional.empty();
        }
        double cpu = cpuAt(sorted, to) - cpuAt(sorted, from);
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        long rss = sorted.stream().mapToLong(TargetSample::rssBytes).max().orElse(0);
        Map<Long, Long> first = sorted.get(0).workerRequests();
        List<WorkerRequests> perWorker = new ArrayList<>();
        sorted.get(sorted.size() - 1)
                .workerRequests()
                .forEach((pid, requests) ->
                        perWorker.add(new WorkerRequests(pid, requests - first.getOrDefault(pid, 0L))));
        perWorker.sort(Comparator.comparing(WorkerRequests::pid));
        return Optional.of(new TargetUsage(Math.round(cpu / seconds * 1000) / 1000.0, rss, perWorker, sorted.size()));
    }

    /** Cumulative CPU seconds at {@code t}, interpolated; clamped to the first or last sample outside their range. */
    static double cpuAt(List<TargetSample> sorted, Instant t) {
        TargetSample before = sorted.get(0);
        if (!t.isAfter(before.at())) {
            return before.cpuSeconds();
        }
        for (TargetSample after : sorted) {
            if (!after.at().isBefore(t)) {
                double span = Duration.between(before.at(), after.at()).toNanos();
                double part = span == 0 ? 1 : Duration.between(before.at(), t).toNanos() / span;
                return before.cpuSeconds() + (after.cpuSeconds() - before.cpuSeconds()) * part;
            }
            before = after;
        }
        return before.cpuSeconds();
    }
}
