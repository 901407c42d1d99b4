package dev.loadlab.agent;

import com.hazelcast.core.HazelcastException;
import dev.loadlab.agent.gatling.GatlingStepRunner;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Refused;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.Welcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's life: wait for the coordinator, join, say hello, then take assignments one at a time, running each with
 * Gatling on a worker thread while the inbox stays read (acknowledgements arrive meanwhile). A result is kept until
 * the coordinator acknowledges it, and sent again after a re-join. When the coordinator is lost, the agent leaves the
 * cluster and waits to join again. Thread-safe: {@link #stop} may be called from any thread.
 */
public final class Agent {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration WELCOME_TIMEOUT = Duration.ofSeconds(30);

    private final AgentConfig config;
    private final GatlingStepRunner runner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("loadlab-step").factory());
    private final Map<String, StepResult> unacknowledged = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile AgentCluster cluster;

    public Agent(AgentConfig config) {
        this.config = config;
        this.runner = new GatlingStepRunner(config.workDir());
    }

    /** Runs until {@link #stop}; returns false when the coordinator refused this agent. */
    public boolean run() throws InterruptedException {
        try {
            while (!stopped) {
                if (!awaitCoordinator()) {
                    return true;
                }
                try (AgentCluster joined = AgentCluster.join(
                        config.id(), config.joinHost(), config.joinPort(), config.bindHost(), config.clusterName())) {
                    cluster = joined;
                    if (!serve(joined)) {
                        return false;
                    }
                } catch (HazelcastException | IllegalStateException e) {
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
    private boolean serve(AgentCluster joined) throws InterruptedException {
        AgentInfo info = new AgentInfo(
                config.id(),
                hostName(),
                Runtime.getRuntime().availableProcessors(),
                ProtocolVersion.CURRENT,
                version(),
                joined.memberUuid());
        joined.send(new Hello(info));
        long deadline = System.nanoTime() + WELCOME_TIMEOUT.toNanos();
        boolean welcomed = false;
        while (!stopped && !joined.coordinatorLost()) {
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
                            + " (protocol v" + w.protocolVersion() + ")");
                    unacknowledged.values().forEach(joined::send);
                }
                case Refused r -> {
                    LOG.error("the coordinator refused this agent: {}", r.reason());
                    System.err.println("loadlab-agent refused: " + r.reason());
                    return false;
                }
                case Assignment a -> worker.execute(() -> runStep(a));
                case ResultAck ack -> unacknowledged.remove(key(ack.runId(), ack.stepIndex()));
            }
        }
        if (joined.coordinatorLost()) {
            LOG.warn("the coordinator left the cluster; waiting for it to come back");
        }
        return true;
    }

    private void runStep(Assignment assignment) {
        LOG.info(
                "running run {} step {} ({} users, {} /s)",
                assignment.runId(),
                assignment.stepIndex(),
                assignment.users(),
                assignment.rate());
        StepResult result = runner.run(assignment, config.id(), progress -> send(progress));
        unacknowledged.put(key(result.runId(), result.stepIndex()), result);
        send(result);
        LOG.info(
                "run {} step {} done{}",
                assignment.runId(),
                assignment.stepIndex(),
                result.failed() ? ": " + result.failure() : "");
    }

    private void send(ToCoordinator message) {
        AgentCluster current = cluster;
        try {
            if (current != null) {
                current.send(message);
            }
        } catch (RuntimeException e) {
            // A result stays in unacknowledged and is sent again after the next welcome.
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

    private static String key(String runId, int stepIndex) {
        return runId + "/" + stepIndex;
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
