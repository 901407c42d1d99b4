package dev.loadlab.agent.warmup;

import com.sun.net.httpserver.HttpServer;
import dev.loadlab.agent.gatling.GatlingStepRunner;
import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.WarmUp;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Workload;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the agent's generator up before it joins: a real step ({@link GatlingStepRunner#run}, closed model, {@link
 * #USERS} users, {@code GET} of a path with a query, answered 200 with a small JSON body like an API's) against a JDK HTTP server on the loopback interface of this JVM, never a
 * target, read second by second through the intervals the runner sends, until the generator has settled or {@code cap}
 * seconds of load have run; then the run is cancelled. Settled is either the rate ({@link StableRate}: every one of the
 * last {@code window} seconds within {@code tolerance} of their mean) or the JIT compiler ({@link QuietJit}: at most 1 %
 * of those seconds spent compiling); on a shared machine the loopback rate can swing by 10 % or more long after the
 * compiler is done, so the rate alone would hold a warm agent back until the cap. After the agent joined its cluster,
 * and before it says hello, {@link #settle} runs {@link #REHEARSALS} short whole steps, their messages encoded as for the
 * coordinator, so a step's set-up and reporting paths are warm too, and waits for the compiler to go quiet. The cap counts whole seconds of load (rounded up); Gatling's set-up comes on
 * top. A cap of zero switches the stable warm-up off and keeps only {@link GatlingStepRunner#warmUp()}'s short
 * cold-start run. Never throws for a warm-up problem: a failed warm-up is reported in {@link WarmUp#note()} and the
 * agent joins anyway. Immutable; {@link #run} blocks and must not overlap a step (the runner refuses it).
 */
public final class AgentWarmUp {
    /** Closed-model users: enough to keep the loopback server and Gatling's event loops busy on a small machine. */
    public static final int USERS = 8;

    static final String NAME = "loadlab-stable-warm-up";
    /** Not a version 4 UUID, so no coordinator's run; distinct from the cold-start run's. */
    static final UUID RUN_ID = new UUID(0, 1);

    private static final Logger LOG = LoggerFactory.getLogger(AgentWarmUp.class);
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    // The run is longer than the cap so that it never ends (with a partial last second) before the cap's decision.
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** Short whole steps after the long run, so a step's own paths are warm too (about 2.5 s each). */
    static final int REHEARSALS = 4;
    /** Seconds of the warm-up's cap each rehearsal needs: a cap under this runs none (see {@link #rehearsals}). */
    static final int SECONDS_PER_REHEARSAL = 3;

    private static final String PATH = "/warm-up?ms=5&user=1";
    /** Every how many answers the loopback server closes the connection, so that connect and close are warm too. */
    static final int CLOSE_EVERY = 2;
    /** The settling wait's window and its cap (see {@link #settle}). */
    static final int DRAIN_WINDOW_SECONDS = 2;

    static final Duration DRAIN_CAP = Duration.ofSeconds(15);

    private static final byte[] BODY =
            "{\"ok\":true,\"worker\":1,\"items\":[1,2,3],\"note\":\"a loopback warm-up, never a target\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final GatlingStepRunner runner;
    // Null where the JVM does not measure compile time: then only the rate can settle the warm-up.
    private final CompilationMXBean compiler = compiler();
    private final Duration cap;
    private final int windowSeconds;
    private final double tolerance;

    public AgentWarmUp(GatlingStepRunner runner, Duration cap, Duration window, double tolerance) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.cap = Objects.requireNonNull(cap, "cap");
        if (cap.isNegative()) {
            throw new IllegalArgumentException("cap must be >= 0, was " + cap);
        }
        this.windowSeconds =
                Math.toIntExact(Objects.requireNonNull(window, "window").toSeconds());
        this.tolerance = tolerance;
        new StableRate(windowSeconds, tolerance); // fails fast on a window or tolerance out of bounds
    }

    /** Blocking: warms up (at most about the cap plus Gatling's set-up) and says how it went. */
    public WarmUp run() {
        long began = System.nanoTime();
        if (cap.isZero()) {
            boolean ok = runner.warmUp();
            return new WarmUp(
                    elapsedMs(began),
                    0,
                    0,
                    false,
                    false,
                    0,
                    windowSeconds,
                    tolerance,
                    ok ? "no stable warm-up (cap 0): one short cold-start run" : "the cold-start run failed");
        }
        if (!Boolean.getBoolean(NODELAY_PROPERTY)) {
            // The JDK server reads it once, when first used: without it each answer waits for a delayed ACK and the
            // warm-up measures the loopback's latency, not a warm generator (AgentMain sets it first thing).
            LOG.warn("-D{}=true is not set: the warm-up's rate is bound by delayed ACKs", NODELAY_PROPERTY);
        }
        HttpServer server;
        try {
            server = loopbackServer();
        } catch (IOException e) {
            return failed(began, "cannot open a loopback HTTP server: " + e.getMessage());
        }
        try {
            Seconds seconds = new Seconds(capSeconds());
            StepResult result = runner.run(
                    assignment("http://127.0.0.1:" + server.getAddress().getPort()),
                    NAME,
                    System::currentTimeMillis,
                    seconds::accept);
            return seconds.outcome(elapsedMs(began), result.failure());
        } finally {
            server.stop(0);
        }
    }

    /**
     * Blocking, after the agent joined its cluster and before it says hello: {@link #rehearsals} short whole steps,
     * then a wait (at most {@link #DRAIN_CAP}, or the warm-up's cap when shorter) until the JIT compiler spent at most 1 % of the last {@link
     * #DRAIN_WINDOW_SECONDS} seconds compiling. Measured on this machine with a fresh agent, the compiler still took
     * about half a core for 10 s after the long run: the rehearsals' and the cluster member's own start-up code,
     * which the first measured step then paid for. Returns {@code warmUp} with its duration grown by this time; does
     * nothing for a warm-up that was off or failed.
     */
    public WarmUp settle(WarmUp warmUp) throws InterruptedException {
        if (cap.isZero() || !(warmUp.stable() || warmUp.capped())) {
            return warmUp;
        }
        long began = System.nanoTime();
        int rehearsals = rehearsals();
        try {
            if (rehearsals == 0) {
                LOG.debug(
                        "no warm-up rehearsals: the {} s cap is shorter than one's {} s",
                        capSeconds(),
                        SECONDS_PER_REHEARSAL);
            } else {
                HttpServer server = loopbackServer();
                try {
                    rehearse("http://127.0.0.1:" + server.getAddress().getPort(), rehearsals);
                } finally {
                    server.stop(0);
                }
            }
        } catch (IOException e) {
            LOG.warn("no warm-up rehearsals (cannot open a loopback HTTP server): {}", e.getMessage());
        }
        if (compiler != null) {
            QuietJit drain = new QuietJit(DRAIN_WINDOW_SECONDS, QuietJit.MAX_SHARE);
            // No longer than the warm-up itself was allowed: a short cap (tests) keeps the whole warm-up short.
            long deadline = System.nanoTime() + drainCap().toNanos();
            while (!drain.add(compiler.getTotalCompilationTime()) && System.nanoTime() < deadline) {
                TimeUnit.SECONDS.sleep(1);
            }
            LOG.debug("warm-up settled: {} ms of compiling in the last {} s", drain.compiledMs(), DRAIN_WINDOW_SECONDS);
        }
        return warmUp.longer(elapsedMs(began));
    }

    /**
     * A JDK server on the loopback interface answering every request 200 with {@link #BODY}, closing the connection
     * after every {@link #CLOSE_EVERY}th answer. Started.
     */
    private static HttpServer loopbackServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicLong answers = new AtomicLong();
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                // A body and headers like an API's: a 204 leaves the response-body paths of a real step cold.
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (answers.incrementAndGet() % CLOSE_EVERY == 0) {
                    // Servers that close (Gunicorn sync, the blocking profiles) make a step connect for each request:
                    // with keep-alive only, the client's connect and close paths stayed cold and were compiled during
                    // a fresh agent's first measured steps.
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                exchange.sendResponseHeaders(200, BODY.length);
                exchange.getResponseBody().write(BODY);
            }
        });
        server.start();
        return server;
    }

    /** The agent's ready line's account of a warm-up, e.g. "warmed up in 23.4 s to 14,210 req/s, stable ...". */
    public static String describe(WarmUp w) {
        String took = String.format(Locale.ROOT, "%.1f s", w.durationMs() / 1000.0);
        String rate = String.format(Locale.ROOT, "%,.0f req/s", w.finalRps());
        String within = "within " + percent(w.tolerance()) + " for " + w.windowSeconds() + " s";
        if (w.stable() && WarmUp.BY_JIT.equals(w.settledBy())) {
            return "warmed up in " + took + " to " + rate + ", the JIT compiler quiet (" + w.jitMsInWindow()
                    + " ms of compiling) for " + w.windowSeconds() + " s";
        }
        if (w.stable()) {
            return "warmed up in " + took + " to " + rate + ", stable " + within;
        }
        if (w.capped()) {
            return "warm-up hit the " + capText(w.capMs()) + " cap at " + rate + " after " + took + ", not stable "
                    + within;
        }
        return "warm-up: " + w.note() + " (" + took + ")";
    }

    /**
     * {@code count} short steps through the whole life of one (prepare, ready, start, a warm-up second, a
     * measured second, the result), every message encoded as it would be for the coordinator: measured on this
     * machine, a fresh agent's first real steps still took up to three times the CPU of later ones after one long
     * run, because a step's set-up, its intervals' encoding and its result are paths the long run passes once.
     */
    private void rehearse(String baseUrl, int count) {
        long encoded = 0;
        for (int i = 1; i <= count; i++) {
            Load load = new Load(LoadModel.CLOSED, USERS, null, Duration.ofSeconds(1), Duration.ofSeconds(1));
            Scenario scenario = new Scenario(
                    NAME,
                    new Target(baseUrl),
                    new Workload(List.of(new RequestSpec("warm-up", "GET", PATH, 1))),
                    load,
                    1);
            long[] bytes = {0};
            StepResult result = runner.run(
                    new Assignment(RUN_ID, i, 0, scenario, 1, USERS, null),
                    NAME,
                    System::currentTimeMillis,
                    message -> {
                        if (message instanceof Ready ready) {
                            runner.start(ready.key(), System.currentTimeMillis());
                        }
                        bytes[0] += Messages.encode(message).length();
                    });
            encoded += bytes[0] + Messages.encode(result).length();
            if (result.failure() != null) {
                LOG.warn("warm-up rehearsal {} failed: {}", i, result.failure());
                return;
            }
        }
        LOG.debug("warm-up rehearsed {} short steps ({} characters of messages encoded)", count, encoded);
    }

    private Assignment assignment(String baseUrl) {
        Load load = new Load(
                LoadModel.CLOSED,
                USERS,
                null,
                Duration.ZERO,
                Duration.ofSeconds(capSeconds()).plus(MARGIN));
        Scenario scenario = new Scenario(
                NAME, new Target(baseUrl), new Workload(List.of(new RequestSpec("warm-up", "GET", PATH, 1))), load, 1);
        return new Assignment(RUN_ID, 0, 0, scenario, 1, USERS, null);
    }

    private static CompilationMXBean compiler() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
    }

    /**
     * How many rehearsals {@link #settle} runs: {@link #REHEARSALS}, or one per {@link #SECONDS_PER_REHEARSAL} seconds of
     * the cap when that is fewer, so the cap bounds the rehearsals as it bounds the long run and the settling wait (a
     * test's 2 s cap runs none: each rehearsal costs about 2.5 s of every agent's start).
     */
    int rehearsals() {
        return Math.min(REHEARSALS, capSeconds() / SECONDS_PER_REHEARSAL);
    }

    /** The settling wait's limit: {@link #DRAIN_CAP}, or the warm-up's cap when that is shorter. */
    Duration drainCap() {
        return cap.compareTo(DRAIN_CAP) < 0 ? cap : DRAIN_CAP;
    }

    private int capSeconds() {
        return Math.toIntExact((cap.toMillis() + 999) / 1000);
    }

    private WarmUp failed(long began, String why) {
        LOG.warn("warm-up failed (the first step may run on a cold generator): {}", why);
        return new WarmUp(elapsedMs(began), 0, 0, false, false, cap.toMillis(), windowSeconds, tolerance, why);
    }

    private static long elapsedMs(long beganNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beganNanos);
    }

    private static String percent(double fraction) {
        String text = String.format(Locale.ROOT, "%.1f", fraction * 100);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + " %";
    }

    private static String capText(long capMs) {
        return capMs % 1000 == 0 ? capMs / 1000 + " s" : capMs + " ms";
    }

    /**
     * The run's listener: starts the run at once on Ready, feeds each second's responses to a {@link StableRate} and
     * cancels the run once it is stable or the cap's seconds have run; seconds after that decision (the partial last
     * one) are ignored. Called from the ticker's and the runner's threads, one at a time. Thread-safe.
     */
    private final class Seconds {
        private final int capSeconds;
        private final StableRate rate = new StableRate(windowSeconds, tolerance);
        private final QuietJit jit = new QuietJit(windowSeconds, QuietJit.MAX_SHARE);
        // Guarded by this.
        private boolean stable;
        private String settledBy;
        private boolean capped;

        Seconds(int capSeconds) {
            this.capSeconds = capSeconds;
        }

        synchronized void accept(ToCoordinator message) {
            switch (message) {
                case Ready ready -> runner.start(ready.key(), System.currentTimeMillis());
                case Interval interval -> second(interval);
                default -> {}
            }
        }

        private void second(Interval interval) {
            if (stable || capped) {
                return;
            }
            long answered = 0;
            for (RequestResult request : interval.requests()) {
                answered += request.requests() - request.errors();
            }
            boolean rateStable = rate.add(answered);
            boolean jitQuiet = compiler != null && jit.add(compiler.getTotalCompilationTime());
            stable = rateStable || jitQuiet;
            settledBy = rateStable ? WarmUp.BY_RATE : jitQuiet ? WarmUp.BY_JIT : null;
            LOG.debug(
                    "warm-up second {}: {} req/s (mean of the last {} s: {}), JIT compile time so far {} ms",
                    interval.second(),
                    answered,
                    windowSeconds,
                    String.format(Locale.ROOT, "%.1f", rate.mean()),
                    java.lang.management.ManagementFactory.getCompilationMXBean()
                            .getTotalCompilationTime());
            capped = !stable && rate.seconds() >= capSeconds;
            if (stable || capped) {
                runner.cancel(interval.key());
            }
        }

        synchronized WarmUp outcome(long durationMs, String failure) {
            String note = null;
            if (!stable && !capped) {
                note = failure != null ? "failed: " + failure : "the run ended before the rate was stable";
                LOG.warn("warm-up failed (the first step may run on a cold generator): {}", note);
            }
            return new WarmUp(
                    durationMs,
                    rate.seconds(),
                    rate.mean(),
                    stable,
                    capped,
                    cap.toMillis(),
                    windowSeconds,
                    tolerance,
                    note,
                    settledBy,
                    compiler == null ? null : jit.compiledMs());
        }
    }
}
