package dev.loadlab.coordinator.targetcontrol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a target host's stats every {@code interval} while a step runs, on its own virtual thread, so the target's
 * usage can later be cut exactly to the step's measured window. Thread-safe.
 */
public final class TargetSampler {
    private static final Logger LOG = LoggerFactory.getLogger(TargetSampler.class);

    private final TargetControlClient client;
    private final Duration interval;
    private final List<TargetSample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private String lastError;

    private TargetSampler(TargetControlClient client, Duration interval) {
        this.client = client;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("loadlab-target-sampler").unstarted(this::loop);
    }

    public static TargetSampler start(TargetControlClient client, Duration interval) {
        TargetSampler sampler = new TargetSampler(client, interval);
        sampler.thread.start();
        return sampler;
    }

    /** Stops sampling after one last reading; returns every reading in time order. */
    public List<TargetSample> stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        take();
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private void loop() {
        while (!stopped) {
            take();
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void take() {
        try {
            TargetSample sample = client.sample();
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (TargetControlException e) {
            if (!e.getMessage().equals(lastError)) {
                LOG.warn("cannot sample the target host: {}", e.getMessage());
                lastError = e.getMessage();
            }
        }
    }
}
