package dev.loadlab.coordinator.targetcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.model.TargetUsage.WorkerUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TargetUsageTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void coresAreCpuSecondsOverWallSecondsCutToTheWindowByInterpolation() {
        // 1.5 cores busy between t=1 s and t=5 s, idle before; samples every second.
        // Worker 1 does 1 core of it, worker 2 half a core; the master none.
        List<TargetSample> samples = List.of(
                sample(0, 10.0, 100, Map.of(1L, 0L, 2L, 0L), Map.of(1L, 5.0, 2L, 4.0, 3L, 1.0)),
                sample(1, 10.0, 120, Map.of(1L, 0L, 2L, 0L), Map.of(1L, 5.0, 2L, 4.0, 3L, 1.0)),
                sample(2, 11.5, 150, Map.of(1L, 30L, 2L, 10L), Map.of(1L, 6.0, 2L, 4.5, 3L, 1.0)),
                sample(3, 13.0, 130, Map.of(1L, 60L, 2L, 20L), Map.of(1L, 7.0, 2L, 5.0, 3L, 1.0)),
                sample(4, 14.5, 130, Map.of(1L, 90L, 2L, 30L), Map.of(1L, 8.0, 2L, 5.5, 3L, 1.0)),
                sample(5, 16.0, 130, Map.of(1L, 120L, 2L, 40L), Map.of(1L, 9.0, 2L, 6.0, 3L, 1.0)));

        TargetUsage usage = UsageWindow.of(samples, T0.plusMillis(1500), T0.plusMillis(4500))
                .orElseThrow();

        assertThat(usage.cpuCores()).isEqualTo(1.5);
        assertThat(usage.rssBytes()).isEqualTo(150);
        assertThat(usage.samples()).isEqualTo(6);
        assertThat(usage.capacityCores()).isEqualTo(2.0);
        assertThat(usage.imbalance()).isNull();
        assertThat(usage.workers())
                .containsExactly(
                        new WorkerUsage(1, "worker", 3.0, 0.667, 120L),
                        new WorkerUsage(2, "worker", 1.5, 0.333, 40L),
                        new WorkerUsage(3, "master", 0.0, 0.0, null));
    }

    @Test
    void aWorkerRestartedMidWindowCountsFromItsFirstSample() {
        // Worker 1 ends after t=2 s; worker 4 replaces it from t=3 s (its CPU started at 0.5 s of its own).
        List<TargetSample> samples = List.of(
                sample(0, 0.0, 1, Map.of(), Map.of(1L, 0.0, 2L, 0.0)),
                sample(1, 2.0, 1, Map.of(), Map.of(1L, 1.0, 2L, 1.0)),
                sample(2, 4.0, 1, Map.of(), Map.of(1L, 2.0, 2L, 2.0)),
                sample(3, 3.5, 1, Map.of(), Map.of(4L, 0.5, 2L, 3.0)),
                sample(4, 5.5, 1, Map.of(), Map.of(4L, 1.5, 2L, 4.0)));

        TargetUsage usage = UsageWindow.of(samples, T0, T0.plusSeconds(4)).orElseThrow();

        assertThat(usage.workers())
                .extracting(WorkerUsage::pid, WorkerUsage::cpuSeconds)
                .containsExactly(tuple(1L, 2.0), tuple(2L, 4.0), tuple(4L, 1.0));
        assertThat(usage.workers()).extracting(WorkerUsage::requests).containsOnlyNulls();
    }

    @Test
    void aWindowHalfIdleHalfBusyAveragesBoth() {
        List<TargetSample> samples =
                List.of(sample(0, 0, 1, Map.of()), sample(2, 0, 1, Map.of()), sample(4, 2.0, 1, Map.of()));

        assertThat(UsageWindow.of(samples, T0, T0.plusSeconds(4)).orElseThrow().cpuCores())
                .isEqualTo(0.5);
    }

    @Test
    void fewerThanTwoSamplesOrNoWindowGiveNothing() {
        assertThat(UsageWindow.of(List.of(sample(0, 1, 1, Map.of())), T0, T0.plusSeconds(1)))
                .isEmpty();
        assertThat(UsageWindow.of(List.of(sample(0, 1, 1, Map.of()), sample(1, 2, 1, Map.of())), T0, T0))
                .isEmpty();
        assertThat(UsageWindow.of(List.of(sample(0, 1, 1, Map.of()), sample(1, 2, 1, Map.of())), null, T0))
                .isEmpty();
    }

    private static TargetSample sample(long second, double cpu, long rss, Map<Long, Long> workers) {
        return sample(second, cpu, rss, workers, Map.of());
    }

    /** Pids in {@code requests} are workers with those counts; pid 3 is a master; others are workers of unknown count. */
    private static TargetSample sample(
            long second, double cpu, long rss, Map<Long, Long> requests, Map<Long, Double> cpuByPid) {
        List<TargetSample.ProcessSample> processes = new ArrayList<>();
        Set<Long> pids = new TreeSet<>(cpuByPid.keySet());
        pids.addAll(requests.keySet());
        for (long pid : pids) {
            processes.add(new TargetSample.ProcessSample(
                    pid, pid == 3 ? "master" : "worker", cpuByPid.getOrDefault(pid, 0.0), requests.get(pid)));
        }
        return new TargetSample(T0.plusSeconds(second), cpu, rss, processes, 2.0);
    }
}
