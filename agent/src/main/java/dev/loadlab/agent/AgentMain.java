package dev.loadlab.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            names = "--exit-with-parent",
            description =
                    "Exit when the process that started this one exits (used by the demo so no agent outlives it).")
    boolean exitWithParent;

    public static void main(String[] args) {
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
        Path dir = workDir != null ? workDir : Files.createTempDirectory("loadlab-agent");
        return new AgentConfig(
                id == null || id.isBlank() ? defaultId() : id,
                join.substring(0, colon),
                port,
                bindHost,
                clusterName,
                dir);
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
