package dev.loadlab.coordinator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadlab.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyDistributionTest {
    @Test
    void theDistributionIsHdrHistogramsOwnPercentileOutputAsData() {
        Histogram histogram = new Histogram(3_600_000, 3);
        for (int ms = 1; ms <= 1000; ms++) {
            histogram.recordValue(ms);
        }
        histogram.recordValue(5000);

        LatencyDistribution d = LatencyDistribution.of("run", 2, histogram);

        assertThat(d.unit()).isEqualTo("ms");
        assertThat(d.totalCount()).isEqualTo(1001);
        assertThat(d.maxMs()).isEqualTo(histogram.getMaxValue());
        List<LatencyDistribution.Point> points = d.percentiles();
        assertThat(points.getFirst().percentile()).isLessThan(1);
        assertThat(points.getLast().percentile()).isEqualTo(100.0);
        assertThat(points.getLast().count()).isEqualTo(1001);
        assertThat(points.getLast().valueMs()).isEqualTo(histogram.highestEquivalentValue(5000));
        // Row for row what outputPercentileDistribution prints (value, percentile as a share, total count).
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        histogram.outputPercentileDistribution(
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                LatencyDistribution.DEFAULT_TICKS_PER_HALF_DISTANCE,
                1.0);
        List<String[]> rows = printed.toString(StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && Character.isDigit(line.charAt(0)))
                .map(line -> line.split("\\s+"))
                .toList();
        assertThat(points).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat((double) points.get(i).valueMs()).isEqualTo(Double.parseDouble(rows.get(i)[0]));
            assertThat(points.get(i).percentile() / 100).isCloseTo(Double.parseDouble(rows.get(i)[1]), within(1e-6));
            assertThat(points.get(i).count()).isEqualTo(Long.parseLong(rows.get(i)[2]));
        }
        assertThat(Json.write(d)).contains("\"unit\":\"ms\"").contains("\"valueMs\":");
    }

    @Test
    void anEmptyHistogramHasNoPoints() {
        LatencyDistribution d = LatencyDistribution.of("run", 0, new Histogram(3));
        assertThat(d.percentiles()).isEmpty();
        assertThat(d.totalCount()).isZero();
        assertThat(d.maxMs()).isZero();
    }
}
