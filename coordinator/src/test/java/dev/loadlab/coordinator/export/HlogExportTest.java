package dev.loadlab.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

class HlogExportTest {
    @Test
    void eachStepsHistogramIsReadBackByHistogramLogReaderWithItsTagCountAndPercentiles() {
        SortedMap<Integer, Histogram> histograms = new TreeMap<>();
        for (int step = 0; step < 3; step++) {
            Histogram h = new Histogram(60_000, 3);
            for (int v = 1; v <= 1000; v++) {
                h.recordValue(v * (step + 1L));
            }
            histograms.put(step, h);
        }

        byte[] log = HlogExport.write(ExportFixtures.run(), histograms);

        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log));
        List<Histogram> read = new ArrayList<>();
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
            read.add((Histogram) next);
        }
        assertThat(read).hasSize(3);
        for (int step = 0; step < 3; step++) {
            Histogram back = read.get(step);
            assertThat(back.getTag()).isEqualTo("step-" + step);
            assertThat(back.getTotalCount()).isEqualTo(1000);
            assertThat(back.getValueAtPercentile(99))
                    .isEqualTo(histograms.get(step).getValueAtPercentile(99));
            // The interval is the step's measured window: 1 s after its start, 10 s long, steps 12 s apart.
            assertThat(back.getStartTimeStamp() - ExportFixtures.T0.toEpochMilli())
                    .isEqualTo(12_000L * step + 1000);
            assertThat(back.getEndTimeStamp() - back.getStartTimeStamp()).isEqualTo(10_000);
        }
        assertThat(histograms.get(0).getTag())
                .as("the stored histogram is not tagged in place")
                .isNull();
    }
}
