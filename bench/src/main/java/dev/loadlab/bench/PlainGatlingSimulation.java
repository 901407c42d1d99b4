package dev.loadlab.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The reference Gatling client of {@code ./loadlab bench generator}: a closed model of N users, each looping one GET
 * on its own keep-alive connection (Gatling's default: one connection pool per virtual user), with none of LoadLab's
 * recording and no Gatling data writer: each measured response's Gatling response time (whole milliseconds, as the
 * agent's) goes into one {@link ConcurrentHistogram}, failures are counted, and that is all. Run by
 * {@link PlainGatlingClient} in its own JVM on the agent's class path; read from system properties: {@code
 * plain.baseUrl}, {@code plain.path}, {@code plain.users}, {@code plain.warmupMs}, {@code plain.durationMs}. Static
 * state: one simulation per JVM.
 */
public final class PlainGatlingSimulation extends Simulation {
    static final String WARMUP = "warmup";
    static final String MEASURED = "measured";
    private static final String TIME = "rt";

    /** Response times of the measured requests, in ms. */
    static final Histogram TIMES = new ConcurrentHistogram(3_600_000L, 3);
    /** Measured requests that failed (status not 2xx/3xx or no response). */
    static final LongAdder FAILED = new LongAdder();

    private static final AtomicBoolean STARTED = new AtomicBoolean();

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
                    markStart();
                    return session;
                })
                .during(duration)
                .on(
                        http(MEASURED).get(path).check(responseTimeInMillis().saveAs(TIME)),
                        exec(PlainGatlingSimulation::record));
        setUp(loop.injectOpen(atOnceUsers(users))).protocols(protocol);
    }

    private static Session record(Session session) {
        if (session.isFailed() || !session.contains(TIME)) {
            FAILED.increment();
            return session.markAsSucceeded().remove(TIME);
        }
        TIMES.recordValue(Math.max(0, session.getInt(TIME)));
        return session.remove(TIME);
    }

    private static void markStart() {
        // Users leave the warm-up on several event loops at once: exactly one of them prints the mark.
        if (STARTED.compareAndSet(false, true)) {
            System.out.println("plain-gatling measuring from " + System.currentTimeMillis());
        }
    }
}
