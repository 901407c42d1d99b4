package dev.loadlab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Samples a server's CPU seconds every {@value #PERIOD_MS} ms on its own thread, so any window (a reference client's
 * measured window, a LoadLab step's {@code measuredFrom..measuredTo}) can be read afterwards: the server's cores over
 * it by linear interpolation, and its workers' shares of the CPU between the first and last sample inside it.
 * Thread-safe.
 */
final class CpuSampler implements AutoCloseable {
    static final long PERIOD_MS = 250;

    /** One reading: the whole server's CPU seconds, and each worker process's where known (may be empty). */
    record Sample(long atMs, double cpuSeconds, Map<Long, Double> workers) {}

    /** Reads the server's cumulative CPU. */
    interface Source {
        Sample read() throws Exception;
    }

    private final Source source;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    CpuSampler(Source source) {
        this.source = source;
        this.thread = Thread.ofPlatform().daemon().name("bench-cpu-sampler").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                Sample s = source.read();
                synchronized (samples) {
                    samples.add(s);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // A sample that failed (a restart in progress) is just missing.
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The server's average cores over {@code [fromMs, toMs]} (epoch millis), NaN without samples around it. */
    double cores(long fromMs, long toMs) throws InterruptedException {
        awaitSampleAfter(toMs);
        List<Sample> all = snapshot();
        double from = at(all, fromMs);
        double to = at(all, toMs);
        return Double.isNaN(from) || Double.isNaN(to) || toMs <= fromMs
                ? Double.NaN
                : (to - from) * 1000 / (toMs - fromMs);
    }

    /** Each worker's share of the workers' CPU inside the window, e.g. "0.51 / 0.49"; "—" when unknown. */
    String shares(long fromMs, long toMs) throws InterruptedException {
        awaitSampleAfter(toMs);
        List<Sample> inside = snapshot().stream()
                .filter(s -> s.atMs() >= fromMs && s.atMs() <= toMs)
                .toList();
        if (inside.size() < 2) {
            return Measured.UNKNOWN;
        }
        Map<Long, Double> first = inside.get(0).workers();
        Map<Long, Double> last = inside.get(inside.size() - 1).workers();
        Map<Long, Double> used = new LinkedHashMap<>();
        last.forEach((pid, cpu) -> {
            if (first.containsKey(pid)) {
                used.put(pid, cpu - first.get(pid));
            }
        });
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        if (used.isEmpty() || total <= 0) {
            return Measured.UNKNOWN;
        }
        return used.values().stream()
                .sorted((a, b) -> Double.compare(b, a))
                .map(v -> String.format(Locale.ROOT, "%.2f", v / total))
                .collect(Collectors.joining(" / "));
    }

    /** Waits (a few sampling periods at most) until a sample later than {@code t} exists. */
    private void awaitSampleAfter(long t) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 8 * PERIOD_MS;
        while (System.currentTimeMillis() < deadline) {
            List<Sample> all = snapshot();
            if (!all.isEmpty() && all.get(all.size() - 1).atMs() > t) {
                return;
            }
            Thread.sleep(PERIOD_MS / 5);
        }
    }

    private List<Sample> snapshot() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private static double at(List<Sample> all, long t) {
        Sample before = null;
        Sample after = null;
        for (Sample s : all) {
            if (s.atMs() <= t) {
                before = s;
            } else if (after == null) {
                after = s;
            }
        }
        if (before == null || after == null) {
            return Double.NaN;
        }
        double f = (double) (t - before.atMs()) / (after.atMs() - before.atMs());
        return before.cpuSeconds() + f * (after.cpuSeconds() - before.cpuSeconds());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
