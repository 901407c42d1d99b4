package dev.loadlab.coordinator.targetcontrol;

import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.model.TargetUsage.WorkerUsage;
import dev.loadlab.coordinator.targetcontrol.TargetSample.ProcessSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Cuts a target host's samples to a step's measured window: the {@link TargetUsage} the step stores, the whole app's
 * CPU and each process's by the same interpolation. Stateless.
 */
public final class UsageWindow {
    private UsageWindow() {}

    /**
     * Usage over {@code [from, to]}, or empty when there are fewer than two samples or no window. Its {@code
     * imbalance} is {@code null}: the caller, who knows the scenario's load, adds it.
     */
    public static Optional<TargetUsage> of(List<TargetSample> samples, Instant from, Instant to) {
        List<TargetSample> sorted =
                samples.stream().sorted(Comparator.comparing(TargetSample::at)).toList();
        if (sorted.size() < 2 || from == null || to == null || !to.isAfter(from)) {
            return Optional.empty();
        }
        double cpu = at(sorted, TargetSample::at, TargetSample::cpuSeconds, to)
                - at(sorted, TargetSample::at, TargetSample::cpuSeconds, from);
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        long rss = sorted.stream().mapToLong(TargetSample::rssBytes).max().orElse(0);
        List<WorkerUsage> perProcess = new ArrayList<>();
        byProcess(sorted).forEach((pid, history) -> perProcess.add(usage(history, cpu, from, to)));
        Double capacity = sorted.get(sorted.size() - 1).capacityCores();
        return Optional.of(new TargetUsage(round(cpu / seconds), rss, perProcess, sorted.size(), null, capacity));
    }

    /**
     * The app's cores in each whole second from {@code from}, for up to {@code seconds} seconds: CPU seconds between
     * the second's ends, interpolated between samples. Only seconds inside the samples' span count (outside it the
     * CPU cannot be known), so the result may be shorter; empty for fewer than two samples.
     */
    public static double[] coresPerSecond(List<TargetSample> samples, Instant from, int seconds) {
        List<TargetSample> sorted =
                samples.stream().sorted(Comparator.comparing(TargetSample::at)).toList();
        if (sorted.size() < 2 || from == null || seconds <= 0) {
            return new double[0];
        }
        Instant first = sorted.get(0).at();
        Instant last = sorted.get(sorted.size() - 1).at();
        List<Double> cores = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            Instant start = from.plusSeconds(i);
            Instant end = start.plusSeconds(1);
            if (start.isBefore(first)) {
                continue;
            }
            if (end.isAfter(last)) {
                break;
            }
            cores.add(at(sorted, TargetSample::at, TargetSample::cpuSeconds, end)
                    - at(sorted, TargetSample::at, TargetSample::cpuSeconds, start));
        }
        return cores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One process's readings, in time order. */
    private record Reading(Instant at, ProcessSample sample) {}

    private static Map<Long, List<Reading>> byProcess(List<TargetSample> sorted) {
        Map<Long, List<Reading>> byPid = new TreeMap<>();
        for (TargetSample sample : sorted) {
            for (ProcessSample process : sample.processes()) {
                byPid.computeIfAbsent(process.pid(), pid -> new ArrayList<>()).add(new Reading(sample.at(), process));
            }
        }
        return byPid;
    }

    /** A process seen only from some sample on counts from that sample: before it, its CPU is its first reading's. */
    private static WorkerUsage usage(List<Reading> history, double appCpu, Instant from, Instant to) {
        ToDoubleFunction<Reading> cpu = reading -> reading.sample().cpuSeconds();
        double own = Math.max(0, at(history, Reading::at, cpu, to) - at(history, Reading::at, cpu, from));
        ProcessSample first = history.get(0).sample();
        ProcessSample last = history.get(history.size() - 1).sample();
        Long requests = first.requests() == null || last.requests() == null ? null : last.requests() - first.requests();
        double share = appCpu > 0 ? own / appCpu : 0;
        return new WorkerUsage(first.pid(), last.role(), round(own), round(share), requests);
    }

    /** A cumulative value at {@code t}, interpolated; clamped to the first or last reading outside their range. */
    private static <T> double at(List<T> sorted, Function<T, Instant> time, ToDoubleFunction<T> value, Instant t) {
        T before = sorted.get(0);
        if (!t.isAfter(time.apply(before))) {
            return value.applyAsDouble(before);
        }
        for (T after : sorted) {
            if (!time.apply(after).isBefore(t)) {
                double span =
                        Duration.between(time.apply(before), time.apply(after)).toNanos();
                double part =
                        span == 0 ? 1 : Duration.between(time.apply(before), t).toNanos() / span;
                return value.applyAsDouble(before) + (value.applyAsDouble(after) - value.applyAsDouble(before)) * part;
            }
            before = after;
        }
        return value.applyAsDouble(before);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
