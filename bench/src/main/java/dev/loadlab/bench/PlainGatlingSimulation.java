package dev.loadlab.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * The reference Gatling client of {@code ./loadlab bench generator}: a closed model of N users, each looping one GET
 * on its own keep-alive connection (Gatling's default: one connection pool per virtual user), with none of LoadLab's
 * recording. Run by {@link PlainGatlingClient} in its own JVM on the agent's class path; read from system
 * properties: {@code plain.baseUrl}, {@code plain.path}, {@code plain.users}, {@code plain.warmupMs},
 * {@code plain.durationMs}. Warm-up requests are named {@value #WARMUP}, measured ones {@value #MEASURED}, so
 * Gatling's own statistics of {@value #MEASURED} are the measured window's.
 */
public final class PlainGatlingSimulation extends Simulation {
    static final String WARMUP = "warmup";
    static final String MEASURED = "measured";

    public PlainGatlingSimulation() {
        String path = System.getProperty("plain.path", "/");
        int users = Integer.getInteger("plain.users", 1);
        Duration warmup = Duration.ofMillis(Long.getLong("plain.warmupMs", 0L));
        Duration duration = Duration.ofMillis(Long.getLong("plain.durationMs", 1000L));
        HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("plain.baseUrl"))
                .disableWarmUp()
                .disableCaching()
                .disableFollowRedirect();
        ScenarioBuilder loop = scenario("plain")
                .during(warmup)
                .on(http(WARMUP).get(path))
                .exec(session -> {
                    // The first user to leave the warm-up marks the measured window's start for the bench.
                    PlainGatlingSimulation.markStart();
                    return session;
                })
                .during(duration)
                .on(http(MEASURED).get(path));
        setUp(loop.injectOpen(atOnceUsers(users))).protocols(protocol);
    }

    private static volatile boolean started;

    private static void markStart() {
        if (!started) {
            started = true;
            System.out.println("plain-gatling measuring from " + System.currentTimeMillis());
        }
    }
}
