package dev.loadlab.targethost.host;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** A small closed-loop load generator for tests: N threads send GETs back to back for a while. */
final class LoadLoop {
    private LoadLoop() {}

    /** Sends {@code path} from {@code threads} threads for {@code duration}; returns the count of 200 answers. */
    static long run(URI base, String path, int threads, Duration duration) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                            .timeout(Duration.ofSeconds(30))
                            .build();
                    while (System.nanoTime() < end) {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        if (failed.get() > 0) {
            throw new AssertionError(failed.get() + " requests to " + path + " did not answer 200");
        }
        return ok.get();
    }

    /** Sends {@code count} requests at once, each on its own connection; returns the wall time until all answered. */
    static Duration burst(URI base, String path, int count) throws Exception {
        try (HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                ExecutorService pool = Executors.newFixedThreadPool(count)) {
            List<Future<Integer>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> client.send(
                                HttpRequest.newBuilder(base.resolve(path))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            for (Future<Integer> future : futures) {
                if (future.get() != 200) {
                    throw new AssertionError(path + " did not answer 200");
                }
            }
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
