package dev.loadlab.agent;

import dev.loadlab.protocol.scenario.DurationText;
import dev.loadlab.protocol.target.TargetAllowlist;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadlab agent}: one agent in this JVM, until the process is stopped or the coordinator refuses it. */
@Command(
        name = "loadlab agent",
        mixinStandardHelpOptions = true,
        description =
                "Runs a LoadLab agent: joins the coordinator's cluster and runs the steps it is given with Gatling.")
public final class AgentMain implements Callable<Integer> {
    /** Exit code when the coordinator refused this agent (protocol mismatch, id taken). */
    public static final int EXIT_REFUSED = 3;

    @Option(
            names = "--join",
            defaultValue = "${env:LOADLAB_JOIN:-127.0.0.1:5701}",
            description = "The coordinator's cluster address HOST:PORT (env LOADLAB_JOIN, default ${DEFAULT-VALUE}).")
    String join;

    @Option(
            names = "--id",
            defaultValue = "${env:LOADLAB_AGENT_ID}",
            description = "This agent's unique id (env LOADLAB_AGENT_ID, default HOSTNAME-PID).")
    String id;

    @Option(
            names = "--bind-host",
            defaultValue = "${env:LOADLAB_AGENT_HOST:-127.0.0.1}",
            description =
                    "Address this agent's cluster member listens on (env LOADLAB_AGENT_HOST, default ${DEFAULT-VALUE}).")
    String bindHost;

    @Option(
            names = "--cluster-name",
            defaultValue = "${env:LOADLAB_CLUSTER_NAME:-loadlab}",
            description = "Hazelcast cluster name (env LOADLAB_CLUSTER_NAME, default ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(
            names = "--work-dir",
            defaultValue = "${env:LOADLAB_AGENT_WORK_DIR}",
            description = "Scratch directory for Gatling (env LOADLAB_AGENT_WORK_DIR, default a temporary directory).")
    Path workDir;

    @Option(
            names = "--warm-up-cap",
            defaultValue = "${env:LOADLAB_AGENT_WARM_UP_CAP:-60s}",
            description = "Longest warm-up before joining, e.g. 60s, 500ms; 0 = only a short cold-start run, no stable"
                    + " warm-up; at most 600s (env LOADLAB_AGENT_WARM_UP_CAP, default ${DEFAULT-VALUE}).")
    String warmUpCap;

    @Option(
            names = "--warm-up-window",
            defaultValue = "${env:LOADLAB_AGENT_WARM_UP_WINDOW:-5s}",
            description = "The warm-up ends when the last this many seconds were all within the tolerance of their"
                    + " mean; whole seconds, at least 2s (env LOADLAB_AGENT_WARM_UP_WINDOW, default ${DEFAULT-VALUE}).")
    String warmUpWindow;

    @Option(
            names = "--warm-up-tolerance",
            defaultValue = "${env:LOADLAB_AGENT_WARM_UP_TOLERANCE:-0.03}",
            description = "How far each second's rate may be from the window's mean, as a fraction (0.03 = 3 %%), in"
                    + " (0, 0.5] (env LOADLAB_AGENT_WARM_UP_TOLERANCE, default ${DEFAULT-VALUE}).")
    String warmUpTolerance;

    @Option(
            names = "--allowed-targets",
            defaultValue = "${env:LOADLAB_AGENT_ALLOWED_TARGETS:-" + TargetAllowlist.DEFAULT + "}",
            description = "Where this agent sends load, whatever an assignment says: host names, IP addresses ([::1]"
                    + " for IPv6), CIDR ranges (127.0.0.0/8), comma-separated (env LOADLAB_AGENT_ALLOWED_TARGETS,"
                    + " default ${DEFAULT-VALUE}).")
    String allowedTargets;

    @Option(
            names = "--exit-with-parent",
            description =
                    "Exit when the process that started this one exits (used by the demo so no agent outlives it).")
    boolean exitWithParent;

    public static void main(String[] args) {
        // Before any JDK HTTP server is loaded: the warm-up's loopback server reads it once, and without it every
        // small answer waits for a delayed ACK (see AgentWarmUp).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    AgentConfig config() throws IOException {
        int colon = join.lastIndexOf(':');
        if (colon <= 0) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--join must be HOST:PORT, was \"" + join + "\"");
        }
        int port;
        try {
            port = Integer.parseInt(join.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--join port must be a number, was \"" + join + "\"");
        }
        Duration cap = duration("--warm-up-cap", warmUpCap);
        Duration window = duration("--warm-up-window", warmUpWindow);
        double tolerance;
        try {
            tolerance = Double.parseDouble(warmUpTolerance.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--warm-up-tolerance must be a fraction such as 0.03, was \"" + warmUpTolerance + "\"");
        }
        TargetAllowlist allowlist;
        try {
            allowlist = TargetAllowlist.parse(allowedTargets);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--allowed-targets: " + e.getMessage());
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("loadlab-agent");
        try {
            return new AgentConfig(
                    id == null || id.isBlank() ? defaultId() : id,
                    join.substring(0, colon),
                    port,
                    bindHost,
                    clusterName,
                    dir,
                    cap,
                    window,
                    tolerance,
                    allowlist);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    /** A duration as the scenario writes them ("60s", "500ms", "1m"), or a bare "0". */
    private Duration duration(String flag, String text) {
        String value = text == null ? "" : text.strip();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), flag + ": " + e.getMessage());
        }
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            host = "agent";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    @Override
    public Integer call() throws Exception {
        Agent agent = new Agent(config());
        if (exitWithParent) {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        // Not main.join(): main's System.exit blocks while shutdown is under way, so the hook would wait its timeout.
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            return agent.run() ? 0 : EXIT_REFUSED;
        } finally {
            finished.countDown();
        }
    }
}
