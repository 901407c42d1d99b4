package dev.loadlab.coordinator.launcher;

import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole product on this machine: the target host with its control API (own JVM, one worker, optionally with a
 * profiles file of command profiles such as the real Python servers), a coordinator with
 * an embedded PostgreSQL configured with that target host, and N agents (each its own JVM) that joined it.
 * {@link #start()} starts them in that order and says what it does through the options' {@code progress};
 * {@link #close()} stops the coordinator, then the target host, then the agents (last, so they wait for a coordinator
 * instead of being torn away mid-cluster). Thread-safe: {@code close} may come from a shutdown hook while
 * {@code start} runs, and stops whatever has started.
 */
public final class LocalStack implements AutoCloseable {
    private static final Pattern TARGET_READY = Pattern.compile("ready: (http://\\S+)");
    private static final Pattern CONTROL_READY = Pattern.compile("control: (http://\\S+)");
    private static final Pattern AGENT_READY = Pattern.compile("loadlab-agent ready: .*");
    private static final Pattern WARM_UP = Pattern.compile("; (warm[^)]*)\\)");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    // An agent says ready only after its warm-up, up to a minute by default (tests shorten it through
    // LOADLAB_AGENT_WARM_UP_CAP, which the agent inherits with this process's environment).
    private static final Duration AGENT_READY_TIMEOUT = READY_TIMEOUT.plusSeconds(60);

    /**
     * What to start. {@code home} is the LoadLab checkout holding the built jars; the coordinator keeps its data
     * under {@code dataDir}; the children write {@code <name>.log} under {@code logDir}; agent {@code i} is
     * {@code <name>-agent-<i>} with its work directory {@code agentDir} (with {@code -<i>} from the second on);
     * {@code progress} receives one line per step; {@code targetProfiles} is a profiles file of command profiles the
     * target host adds to its built-in ones ({@code --profiles-file}), or null for the built-in ones only; {@code
     * agentArgs} are added to every agent's command line (e.g. {@code --warm-up-cap 0} for a benchmark's "before").
     * Immutable.
     */
    public record Options(
            Path home,
            Path dataDir,
            Path logDir,
            Path agentDir,
            String name,
            int agents,
            Consumer<String> progress,
            Path targetProfiles,
            List<String> agentArgs) {
        public Options {
            agentArgs = agentArgs == null ? List.of() : List.copyOf(agentArgs);
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(logDir, "logDir");
            Objects.requireNonNull(agentDir, "agentDir");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(progress, "progress");
            if (agents < 1) {
                throw new IllegalArgumentException("agents must be at least 1, was " + agents);
            }
            if (targetProfiles != null && !Files.isRegularFile(targetProfiles)) {
                throw new IllegalArgumentException(
                        "targetProfiles must be a profiles file, and " + targetProfiles + " is not a file");
            }
        }

        /** A target host with the built-in profiles only. */
        public Options(
                Path home,
                Path dataDir,
                Path logDir,
                Path agentDir,
                String name,
                int agents,
                Consumer<String> progress) {
            this(home, dataDir, logDir, agentDir, name, agents, progress, null);
        }

        /** Agents with their default flags. */
        public Options(
                Path home,
                Path dataDir,
                Path logDir,
                Path agentDir,
                String name,
                int agents,
                Consumer<String> progress,
                Path targetProfiles) {
            this(home, dataDir, logDir, agentDir, name, agents, progress, targetProfiles, null);
        }

        /** These options with {@code args} added to every agent's command line. */
        public Options withAgentArgs(List<String> args) {
            return new Options(home, dataDir, logDir, agentDir, name, agents, progress, targetProfiles, args);
        }
    }

    private final Options options;
    private final String controlToken = UUID.randomUUID().toString();
    private final List<ChildJvm> agents = new ArrayList<>();
    private ChildJvm target;
    private Coordinator coordinator;
    private String appUrl;
    private String controlUrl;
    private boolean closed;

    public LocalStack(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Starts every part; on a failure stops what started and rethrows. */
    public LocalStack start() throws InterruptedException {
        try {
            startParts();
            return this;
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private void startParts() throws InterruptedException {
        String cluster = options.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> targetArgs = new ArrayList<>(
                List.of("--port", "0", "--control-port", "0", "--control-token", controlToken, "--workers", "1"));
        if (options.targetProfiles() != null) {
            targetArgs.addAll(List.of(
                    "--profiles-file", options.targetProfiles().toAbsolutePath().toString()));
        }
        say("starting the target host (own JVM) with its control API"
                + (options.targetProfiles() == null ? "" : " and the command profiles of " + options.targetProfiles())
                + " ...");
        ChildJvm host = started(
                ChildJvm.start("target", jar("target-app", "loadlab-target-app.jar"), options.logDir(), targetArgs));
        String app = host.awaitLine(TARGET_READY, READY_TIMEOUT);
        String control = host.awaitLine(CONTROL_READY, READY_TIMEOUT);
        synchronized (this) {
            appUrl = app;
            controlUrl = control;
        }
        say("target host ready at " + app + ", control API at " + control + " (pid " + host.pid() + ")");

        say("starting the coordinator with an embedded PostgreSQL in "
                + options.dataDir().resolve("postgres") + " ...");
        Coordinator started = Coordinator.start(CoordinatorConfig.local(options.dataDir(), cluster).toBuilder()
                .targetHost(new CoordinatorConfig.TargetHost(app, control, controlToken))
                .build());
        synchronized (this) {
            coordinator = started;
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
        }
        for (int i = 1; i <= options.agents(); i++) {
            String id = options.name() + "-agent-" + i;
            Path workDir = i == 1 ? options.agentDir() : Path.of(options.agentDir() + "-" + i);
            say("starting an agent (own JVM; it warms up on its own loopback server until its rate is stable,"
                    + " up to a minute) joining " + started.clusterAddress() + " ...");
            ChildJvm agent = startedAgent(ChildJvm.start(
                    i == 1 ? "agent" : "agent-" + i,
                    jar("agent", "loadlab-agent-app.jar"),
                    options.logDir(),
                    agentCommand(id, started.clusterAddress(), cluster, workDir)));
            String ready = agent.awaitLine(AGENT_READY, AGENT_READY_TIMEOUT);
            say("agent " + id + " registered (pid " + agent.pid() + ")" + warmUpOf(ready));
        }
    }

    /** The coordinator, once started. */
    public synchronized Coordinator coordinator() {
        return Objects.requireNonNull(coordinator, "the coordinator has not started");
    }

    /** The target host's app base URL, once started. */
    public synchronized String appUrl() {
        return Objects.requireNonNull(appUrl, "the target host has not started");
    }

    /** The target host's control API URL, once started. */
    public synchronized String controlUrl() {
        return Objects.requireNonNull(controlUrl, "the target host has not started");
    }

    /** The token the target host's control API checks (and the coordinator's built-in scenarios send). */
    public String controlToken() {
        return controlToken;
    }

    /** Stops the coordinator, then the target host, then the agents; a second call does nothing. */
    @Override
    public void close() {
        List<AutoCloseable> parts = new ArrayList<>();
        synchronized (this) {
            if (closed && coordinator == null && target == null && agents.isEmpty()) {
                return;
            }
            closed = true;
            if (coordinator != null) {
                parts.add(coordinator);
            }
            if (target != null) {
                parts.add(target);
            }
            parts.addAll(agents);
            coordinator = null;
            target = null;
            agents.clear();
        }
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("could not stop a part cleanly: " + e);
            }
        }
    }

    private synchronized ChildJvm started(ChildJvm host) {
        target = host;
        checkOpen();
        return host;
    }

    private synchronized ChildJvm startedAgent(ChildJvm agent) {
        agents.add(agent);
        checkOpen();
        return agent;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("stopped while starting");
        }
    }

    private Path jar(String module, String name) {
        Path jar = options.home()
                .toAbsolutePath()
                .resolve(module)
                .resolve("target")
                .resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./loadlab build");
        }
        return jar;
    }

    private List<String> agentCommand(String id, String clusterAddress, String cluster, Path workDir) {
        List<String> args = new ArrayList<>(List.of(
                "--id", id, "--join", clusterAddress, "--cluster-name", cluster, "--work-dir", workDir.toString()));
        args.addAll(options.agentArgs());
        return args;
    }

    /** ", warmed up in ..." from the agent's ready line, or nothing from an agent that does not say it. */
    private static String warmUpOf(String readyLine) {
        Matcher m = WARM_UP.matcher(readyLine);
        return m.find() ? ", " + m.group(1) : "";
    }

    private void say(String line) {
        options.progress().accept(line);
    }
}
