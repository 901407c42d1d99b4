package dev.loadlab.targethost;

import dev.loadlab.protocol.control.StatusCounts;
import dev.loadlab.targethost.http.Routes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the responses sent on the counted endpoints ({@link Routes#COUNTED_PATHS}: the workload endpoints and the
 * scenario ones), by status class. Whole-product tests compare these counts with what the load generator recorded, so
 * they must be exact: {@link LongAdder}s per endpoint (cheap under contention, unlike one shared atomic that every
 * worker would fight over), one increment per response. Thread-safe.
 */
public final class RequestStats {
    private final Map<String, Counter> byPath = new LinkedHashMap<>();

    public RequestStats() {
        // Filled once here and never modified afterwards, so concurrent reads of the map itself need no lock.
        for (String path : Routes.COUNTED_PATHS) {
            byPath.put(path, new Counter());
        }
    }

    /**
     * Counts one response. Callers count just before they write the response: a client that has received its answer
     * and then asks {@code /stats} must find it counted.
     *
     * @param path one of {@link Routes#COUNTED_PATHS}
     * @param status the HTTP status about to be sent
     */
    public void record(String path, int status) {
        Counter counter = byPath.get(path);
        if (counter == null) {
            throw new IllegalArgumentException("path must be one of " + Routes.COUNTED_PATHS + ", was " + path);
        }
        if (status < 400) {
            counter.success.increment();
        } else if (status < 500) {
            counter.clientError.increment();
        } else {
            counter.serverError.increment();
        }
    }

    /** The counts now; every total is the sum of the class counts read, so they always agree. */
    public StatsSnapshot snapshot() {
        Map<String, StatusCounts> counts = new LinkedHashMap<>();
        for (Map.Entry<String, Counter> entry : byPath.entrySet()) {
            Counter counter = entry.getValue();
            counts.put(
                    entry.getKey(),
                    new StatusCounts(counter.success.sum(), counter.clientError.sum(), counter.serverError.sum()));
        }
        return StatsSnapshot.of(counts);
    }

    private static final class Counter {
        final LongAdder success = new LongAdder();
        final LongAdder clientError = new LongAdder();
        final LongAdder serverError = new LongAdder();
    }
}
