package dev.loadlab.coordinator.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.TrendMetric;
import org.junit.jupiter.api.Test;

class TrendMetricTest {
    @Test
    void metricsAreKnownByTheirQueryNames() {
        assertThat(TrendMetric.byName("throughput")).contains(TrendMetric.THROUGHPUT);
        assertThat(TrendMetric.byName("errorRate")).contains(TrendMetric.ERROR_RATE);
        assertThat(TrendMetric.byName("p95")).isEmpty();
        assertThat(TrendMetric.byName("ERRORRATE")).isEmpty();
        assertThat(TrendMetric.allowed()).isEqualTo("throughput, p50, p99, errorRate");
    }
}
