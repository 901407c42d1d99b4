package dev.loadlab.targethost.host;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Polls the app port until a readiness path answers 200; fails early if an app process dies meanwhile. Stateless. */
final class HealthCheck {
    private static final Duration POLL = Duration.ofMillis(50);

    private HealthCheck() {}

    static void await(String host, int port, String path, long deadlineNanos, List<ChildProcess> children)
            throws StartFailedException, InterruptedException {
        URI uri = URI.create("http://" + host + ":" + port + path);
        String last = "no answer yet";
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build()) {
            while (System.nanoTime() < deadlineNanos) {
                for (ChildProcess child : children) {
                    if (!child.isAlive()) {
                        throw new StartFailedException(child.name() + " (pid " + child.pid() + ") exited while"
                                + " starting; its last output:\n" + child.tail());
                    }
                }
                try {
                    HttpResponse<Void> response = client.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                    last = "status " + response.statusCode();
                } catch (IOException e) {
                    last = e.toString();
                }
                // Polling is the only way to learn that a foreign app (a command profile) is up.
                Thread.sleep(POLL);
            }
        }
        throw new StartFailedException("GET " + uri + " did not answer 200 in time (last: " + last + ")");
    }
}
