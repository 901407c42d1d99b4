package dev.loadlab.targethost;

import dev.loadlab.targethost.work.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the responses sent on the workload endpoints. Whole-product tests compare these counts with what the load
 * generator recorded, so they must be exact: one {@link LongAdder} per endpoint (cheap under contention, unlike one
 * shared atomic that every worker would fight over). Thread-safe.
 */
public final class RequestStats {
    private final Map<String, LongAdder> byPath = new LinkedHashMap<>();
    private final LongAdder rejected = new LongAdder();

    public RequestStats() {
        // Filled once here and never modified afterwards, so concurrent reads of the map itself need no lock.
        for (String path : Endpoint.PATHS) {
            byPath.put(path, new LongAdder());
        }
    }

    /**
     * Counts one response on a workload endpoint. Callers count just before they write the response: a client that has
     * received its answer and then asks {@code /stats} must find it counted.
     *
     * @param path one of {@link Endpoint#PATHS}
     * @param status the HTTP status about to be sent
     */
    public void record(String path, int status) {
        LongAdder counter = byPath.get(path);
        if (counter == null) {
            throw new IllegalArgumentException("path must be one of " + Endpoint.PATHS + ", was " + path);
        }
        counter.increment();
        if (status >= 400) {
            rejected.increment();
        }
    }

    /** The counts now; the total is the sum of the per-endpoint counts read, so the two always agree. */
    public StatsSnapshot snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : byPath.entrySet()) {
            long count = entry.getValue().sum();
            counts.put(entry.getKey(), count);
            total += count;
        }
        return new StatsSnapshot(total, counts, rejected.sum());
    }
}
