package dev.loadlab.coordinator.targetcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.TargetUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetUsageTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void coresAreCpuSecondsOverWallSecondsCutToTheWindowByInterpolation() {
        // 1.5 cores busy between t=1 s and t=5 s, idle before; samples every second.
        List<TargetSample> samples = List.of(
                sample(0, 10.0, 100, Map.of(1L, 0L, 2L, 0L)),
                sample(1, 10.0, 120, Map.of(1L, 0L, 2L, 0L)),
                sample(2, 11.5, 150, Map.of(1L, 30L, 2L, 10L)),
                sample(3, 13.0, 130, Map.of(1L, 60L, 2L, 20L)),
                sample(4, 14.5, 130, Map.of(1L, 90L, 2L, 30L)),
                sample(5, 16.0, 130, Map.of(1L, 120L, 2L, 40L)));

        TargetUsage usage = UsageWindow.of(samples, T0.plusMillis(1500), T0.plusMillis(4500))
                .orElseThrow();

        assertThat(usage.cpuCores()).isEqualTo(1.5);
        assertThat(usage.rssBytes()).isEqualTo(150);
        assertThat(usage.samples()).isEqualTo(6);
        assertThat(usage.workerRequests())
                .containsExactly(new TargetUsage.WorkerRequests(1, 120), new TargetUsage.WorkerRequests(2, 40));
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
        return new TargetSample(T0.plusSeconds(second), cpu, rss, 0, workers);
    }
}
