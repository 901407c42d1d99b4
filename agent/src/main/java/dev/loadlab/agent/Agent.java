package dev.loadlab.agent;

import dev.loadlab.agent.gatling.GatlingStepRunner;
import dev.loadlab.agent.warmup.AgentWarmUp;
import dev.loadlab.cluster.AgentEndpoint;
import dev.loadlab.cluster.ClusterUnavailableException;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Cancel;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Refused;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.Start;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.WarmUp;
import dev.loadlab.protocol.message.Welcome;
import dev.loadlab.protocol.target.TargetAllowlist;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's life: warm the generator up until its rate is stable ({@link AgentWarmUp}, so the first step is not
 * measured on cold code), wait for the coordinator, join, settle (rehearsals and a quiet JIT, {@link
 * AgentWarmUp#settle}), say hello with how the warm-up went, then take assignments
 * one at a time. An {@link Assignment} is prepared on a worker thread (Gatling started, simulation built) and answered
 * with Ready; {@link Start} fixes when it sends, in cluster time; {@link Cancel} ends it early; meanwhile the inbox
 * stays read. Intervals go out every second; the final result is kept until the coordinator acknowledges it, and sent
 * again after every re-join and every {@link #RESEND_EVERY} while the coordinator is present. When the coordinator is
 * lost, the agent leaves the cluster and waits to join again. Thread-safe: {@link #stop} may be called from any thread.
 */
public final class Agent {
    /** How often results not yet acknowledged are sent again while the coordinator is present. */
    public static final Duration RESEND_EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration WELCOME_TIMEOUT = Duration.ofSeconds(30);

    private final AgentConfig config;
    private final GatlingStepRunner runner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("loadlab-step").factory());
    // Each result not yet acknowledged, with when it was last sent (System.nanoTime()).
    private final Map<StepKey, Unacknowledged> unacknowledged = new ConcurrentHashMap<>();

    private record Unacknowledged(StepResult result, long sentNanos) {}
    // The step (or search probe) prepared or running; null when idle.
    private final AtomicReference<StepKey> current = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile AgentEndpoint cluster;
    // Set once, by run(), before the first hello.
    private volatile WarmUp warmUp;

    public Agent(AgentConfig config) {
        this.config = config;
        this.runner = new GatlingStepRunner(config.workDir());
    }

    /** Runs until {@link #stop}; returns false when the coordinator refused this agent. */
    public boolean run() throws InterruptedException {
        try {
            // Before joining: no assignment can arrive while the JIT and Gatling's cold code are warmed here.
            AgentWarmUp warmer =
                    new AgentWarmUp(runner, config.warmUpCap(), config.warmUpWindow(), config.warmUpTolerance());
            warmUp = warmer.run();
            boolean settled = false;
            while (!stopped) {
                if (!awaitCoordinator()) {
                    return true;
                }
                try (AgentEndpoint joined = AgentEndpoint.join(
                        config.id(), config.joinHost(), config.joinPort(), config.bindHost(), config.clusterName())) {
                    cluster = joined;
                    if (!settled) {
                        // Joined but not yet known to the coordinator (no hello): the member's own start-up code and
                        // the step rehearsals are compiled now, not in the first measured step.
                        warmUp = warmer.settle(warmUp);
                        settled = true;
                        LOG.info("{}", AgentWarmUp.describe(warmUp));
                    }
                    if (!serve(joined)) {
                        return false;
                    }
                } catch (ClusterUnavailableException | IllegalStateException e) {
                    LOG.warn("lost the cluster ({}); joining again", e.getMessage());
                }
            }
            return true;
        } finally {
            worker.shutdownNow();
        }
    }

    public void stop() {
        stopped = true;
        runner.stop();
    }

    /** One membership: hello, then the inbox loop until the coordinator is lost or we stop. */
    private boolean serve(AgentEndpoint joined) throws InterruptedException {
        AgentInfo info = new AgentInfo(
                config.id(),
                hostName(),
                Runtime.getRuntime().availableProcessors(),
                ProtocolVersion.CURRENT,
                version(),
                joined.memberUuid(),
                warmUp);
        joined.send(new Hello(info));
        long deadline = System.nanoTime() + WELCOME_TIMEOUT.toNanos();
        boolean welcomed = false;
        long lastResend = System.nanoTime();
        while (!stopped && !joined.coordinatorLost()) {
            if (welcomed && System.nanoTime() - lastResend >= RESEND_EVERY.toNanos()) {
                resendUnacknowledged(joined, RESEND_EVERY);
                lastResend = System.nanoTime();
            }
            ToAgent message = joined.receive(POLL);
            if (message == null) {
                if (!welcomed && System.nanoTime() > deadline) {
                    LOG.warn("no answer to hello within {} s; joining again", WELCOME_TIMEOUT.toSeconds());
                    return true;
                }
                continue;
            }
            switch (message) {
                case Welcome w -> {
                    welcomed = true;
                    System.out.println("loadlab-agent ready: id=" + config.id() + " joined " + config.joinAddress()
                            + " (protocol v" + w.protocolVersion() + "; " + AgentWarmUp.describe(warmUp) + ")");
                    resendUnacknowledged(joined, Duration.ZERO);
                    lastResend = System.nanoTime();
                }
                case Refused r -> {
                    LOG.error("the coordinator refused this agent: {}", r.reason());
                    System.err.println("loadlab-agent refused: " + r.reason());
                    return false;
                }
                case Assignment a -> accept(a);
                case Start s -> {
                    if (!runner.start(s.key(), s.startAtClusterMs())) {
                        LOG.warn("start for {} ignored: that step is not prepared here", s.key());
                    }
                }
                case Cancel c -> {
                    // Only the step prepared or running here: a stale cancel must not hit a later re-assignment.
                    if (c.key().equals(current.get())) {
                        LOG.info("cancelling {}", c.key());
                        runner.cancel(c.key());
                    } else {
                        LOG.info("cancel for {} ignored: that step is not prepared or running here", c.key());
                    }
                }
                case ResultAck ack -> unacknowledged.remove(ack.key());
            }
        }
        if (joined.coordinatorLost()) {
            LOG.warn("the coordinator left the cluster; waiting for it to come back");
        }
        return true;
    }

    /** One step at a time: an assignment for another step while one is prepared or running is answered as failed. */
    private void accept(Assignment assignment) {
        StepKey key = assignment.key();
        if (current.compareAndSet(null, key)) {
            worker.execute(() -> runStep(assignment, key));
            return;
        }
        StepKey busyWith = current.get();
        if (key.equals(busyWith)) {
            LOG.warn(
                    "assignment for run {} step {} received again; it is already prepared or running here",
                    assignment.runId(),
                    assignment.stepIndex());
            return;
        }
        StepResult refused = StepResult.notRun(
                assignment.runId(),
                assignment.stepIndex(),
                assignment.probe(),
                config.id(),
                "agent " + config.id() + " is busy with " + busyWith + "; it prepares or runs one step at a time",
                Instant.now());
        unacknowledged.put(key, new Unacknowledged(refused, System.nanoTime()));
        send(refused);
    }

    private void runStep(Assignment assignment, StepKey key) {
        try {
            LOG.info(
                    "preparing run {} step {} ({})",
                    assignment.runId(),
                    assignment.stepIndex(),
                    assignment.users() != null
                            ? assignment.users() + " users"
                            : assignment.rate() != null
                                    ? assignment.rate() + " /s"
                                    // Staged: this agent takes its share of every stage, by its place among them.
                                    : "staged load as agent " + (assignment.agentIndex() + 1) + " of "
                                            + assignment.agentCount());
            TargetAllowlist.Check target = config.allowedTargets().check(baseUrl(assignment));
            String refusal = refusal(assignment, target);
            StepResult result = refusal != null
                    ? StepResult.notRun(
                            assignment.runId(),
                            assignment.stepIndex(),
                            assignment.probe(),
                            config.id(),
                            refusal,
                            Instant.now())
                    : runner.run(assignment, config.id(), this::clusterTimeMs, this::send, pinned(target));
            unacknowledged.put(key, new Unacknowledged(result, System.nanoTime()));
            send(result);
            LOG.info(
                    "run {} step {} done{}{}",
                    assignment.runId(),
                    assignment.stepIndex(),
                    result.cancelled() ? " (cancelled)" : "",
                    result.failed() ? ": " + result.failure() : "");
        } finally {
            current.set(null);
        }
    }

    /**
     * Why this agent will not send the assignment's load, or null: its target must be on this agent's own allowlist,
     * whatever the coordinator allowed (a coordinator with another list, or one that was not this project's, must not
     * aim the agent elsewhere). A host name is resolved once, here; every address must be allowed.
     */
    private String refusal(Assignment assignment, TargetAllowlist.Check check) {
        if (check.allowed()) {
            return null;
        }
        String reason = "agent " + config.id() + " refused the step, nothing was sent: $.target.baseUrl: "
                + check.refusal()
                + (check.refusal().contains("allowlist")
                        ? " (the agent's --allowed-targets or LOADLAB_AGENT_ALLOWED_TARGETS)"
                        : "");
        LOG.warn("run {} step {}: {}", assignment.runId(), assignment.stepIndex(), reason);
        return reason;
    }

    private static String baseUrl(Assignment assignment) {
        return assignment.scenario() == null || assignment.scenario().target() == null
                ? null
                : assignment.scenario().target().baseUrl();
    }

    /** A host name with the addresses the check allowed, for Gatling to use instead of its own lookup. */
    private static Map<String, List<String>> pinned(TargetAllowlist.Check check) {
        if (check.host() == null
                || check.host().startsWith("[")
                || check.addresses().stream().anyMatch(a -> a.getHostAddress().equals(check.host()))) {
            return Map.of(); // an IP literal: nothing to look up
        }
        return Map.of(
                check.host(),
                check.addresses().stream().map(InetAddress::getHostAddress).toList());
    }

    private long clusterTimeMs() {
        AgentEndpoint joined = cluster;
        try {
            return joined != null ? joined.clusterTimeMs() : System.currentTimeMillis();
        } catch (RuntimeException e) {
            // Between memberships there is no cluster; this machine's clock is the best left.
            return System.currentTimeMillis();
        }
    }

    /**
     * Sends again each result not acknowledged and last sent at least {@code olderThan} ago: a result that went out a
     * moment ago is not resent by the periodic timer before its acknowledgement can come back (the coordinator takes
     * such a second delivery in its stride, but it is traffic and log noise for nothing); after a (re)join all go.
     */
    private void resendUnacknowledged(AgentEndpoint joined, Duration olderThan) {
        for (Map.Entry<StepKey, Unacknowledged> entry : unacknowledged.entrySet()) {
            Unacknowledged pending = entry.getValue();
            if (System.nanoTime() - pending.sentNanos() < olderThan.toNanos()) {
                continue;
            }
            try {
                joined.send(pending.result());
                unacknowledged.replace(
                        entry.getKey(), pending, new Unacknowledged(pending.result(), System.nanoTime()));
            } catch (RuntimeException e) {
                LOG.warn("cannot reach the coordinator now: {}", e.getMessage());
                return;
            }
        }
    }

    private void send(ToCoordinator message) {
        AgentEndpoint current = cluster;
        try {
            if (current != null) {
                current.send(message);
            }
        } catch (RuntimeException e) {
            // A result stays in unacknowledged and is sent again later; a lost interval is only a gap in live data.
            LOG.warn("cannot reach the coordinator now: {}", e.getMessage());
        }
    }

    /** Waits until the coordinator's port accepts connections; false if stopped meanwhile. */
    private boolean awaitCoordinator() throws InterruptedException {
        long backoffMs = 200;
        boolean told = false;
        while (!stopped) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(config.joinHost(), config.joinPort()), 1000);
                return true;
            } catch (IOException e) {
                if (!told) {
                    LOG.info("waiting for the coordinator at {}", config.joinAddress());
                    told = true;
                }
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 2000);
            }
        }
        return false;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String version() {
        String v = Agent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
