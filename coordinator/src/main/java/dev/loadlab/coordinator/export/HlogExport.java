package dev.loadlab.coordinator.export;

import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.StepView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Each stored step's merged latency histogram (the exact sum of every agent's, the one the step's percentiles were
 * computed from) as a standard HdrHistogram log written by {@link HistogramLogWriter}: one interval histogram per
 * step, tagged {@code step-N}, its interval the step's measured window in seconds from the run's start (the log's
 * {@code StartTime} and {@code BaseTime}). Values are whole milliseconds, as Gatling measures them, so the max column
 * is written with a unit ratio of 1 (milliseconds) rather than the writer's default nanoseconds-to-milliseconds.
 * Stateless.
 */
public final class HlogExport {
    private HlogExport() {}

    /** The log of {@code run}'s steps from {@code histograms} (step index to merged histogram). */
    public static byte[] write(RunView run, SortedMap<Integer, Histogram> histograms) {
        long baseMs = base(run);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("LoadLab run " + oneLine(run.id()) + ": one interval per step (tag step-N), its"
                    + " measured window; latency values in milliseconds");
            writer.outputLogFormatVersion();
            writer.outputStartTime(baseMs);
            writer.setBaseTime(baseMs);
            writer.outputBaseTime(baseMs);
            writer.outputLegend();
            for (Map.Entry<Integer, Histogram> entry : histograms.entrySet()) {
                Histogram histogram = entry.getValue().copy();
                histogram.setTag("step-" + entry.getKey());
                StepView step = step(run, entry.getKey());
                double start = seconds(window(step, true), baseMs);
                double end = Math.max(start, seconds(window(step, false), baseMs));
                writer.outputIntervalHistogram(start, end, histogram, 1.0);
            }
        }
        return bytes.toByteArray();
    }

    private static long base(RunView run) {
        if (run.startedAt() != null) {
            return run.startedAt().toEpochMilli();
        }
        return run.submittedAt() == null ? 0 : run.submittedAt().toEpochMilli();
    }

    private static StepView step(RunView run, int index) {
        return run.steps().stream().filter(s -> s.index() == index).findFirst().orElse(null);
    }

    /** The step's measured window's start (or end), falling back to when it started (or finished). */
    private static Instant window(StepView step, boolean start) {
        if (step == null) {
            return null;
        }
        Instant measured = start ? step.measuredFrom() : step.measuredTo();
        return measured != null ? measured : start ? step.startedAt() : step.finishedAt();
    }

    private static double seconds(Instant at, long baseMs) {
        return at == null ? 0 : Math.max(0, at.toEpochMilli() - baseMs) / 1000.0;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]", " ");
    }
}
