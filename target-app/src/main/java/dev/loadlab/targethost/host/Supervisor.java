package dev.loadlab.targethost.host;

import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.control.Calibration;
import dev.loadlab.protocol.control.HostStats;
import dev.loadlab.protocol.control.RunningConfig;
import dev.loadlab.protocol.control.StatusCounts;
import dev.loadlab.protocol.control.WorkerStats;
import dev.loadlab.targethost.TargetConfig;
import dev.loadlab.targethost.shop.ShopSettings;
import dev.loadlab.targethost.work.CpuWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the target app in one profile with W workers on one port, and switches to another configuration on request:
 * the old processes are ended (and waited for) before the new ones start, and {@link #apply} returns only once the new
 * configuration answers its health check. Every app process is a child of this JVM (worker JVMs, or a guard around a
 * command), and each ends by itself when this JVM dies, so no configuration outlives its supervisor. The port is
 * reserved for the supervisor's lifetime by a bound, never listening, SO_REUSEPORT socket, so no other program takes
 * it between two configurations. Thread-safe: configuration changes are serialised; {@link #stats} may run alongside.
 */
public final class Supervisor implements AutoCloseable {
    static final String WORKER_READY = "loadlab-worker ready:";
    static final String GUARD_READY = "loadlab-guard started:";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ProfileCatalog catalog;
    private final String host;
    private final CpuWork cpu;
    private final ShopSettings shop;
    private final SocketChannel reservation;
    private final int port;
    private final long ticksPerSecond = ProcUsage.clockTicksPerSecond();
    private final Object changeLock = new Object();
    private volatile Deployment current = Deployment.NONE;

    /**
     * Reserves {@code port} (0: any free one) on {@code host}; nothing runs until {@link #apply}. {@code /login} accepts
     * {@link ShopSettings#DEFAULT_LOGIN_PASSWORD}.
     */
    public Supervisor(ProfileCatalog catalog, String host, int port, CpuWork cpu) {
        this(catalog, host, port, cpu, ShopSettings.DEFAULT_LOGIN_PASSWORD);
    }

    /**
     * Reserves {@code port} (0: any free one) on {@code host}, makes the token key and the items directory every worker
     * process of this host shares (deleted by {@link #close}); nothing runs until {@link #apply}.
     *
     * @param loginPassword the password {@code POST /login} accepts
     */
    public Supervisor(ProfileCatalog catalog, String host, int port, CpuWork cpu, String loginPassword) {
        this.catalog = catalog;
        this.host = host;
        this.cpu = cpu;
        try {
            // Bound but never listening, with SO_REUSEADDR: Linux then lets any app that also sets SO_REUSEADDR bind
            // the port beside it (Gunicorn, Uvicorn, asyncio and socketserver do), and SO_REUSEPORT apps
            // too; no connection ever queues on it. So a command profile needs no release-and-retake of the port
            // around its start, which would leave a window for another program to take it (PythonProfilesIT).
            reservation = SocketChannel.open();
            reservation.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            reservation.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            reservation.bind(new InetSocketAddress(host, port));
            this.port = ((InetSocketAddress) reservation.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve " + host + ":" + port, e);
        }
        this.shop = ShopSettings.forNewHost(loginPassword);
    }

    public ProfileCatalog catalog() {
        return catalog;
    }

    public int port() {
        return port;
    }

    public CpuWork cpu() {
        return cpu;
    }

    /** The running configuration; its profile is {@code null} when nothing runs (after a failed start). */
    public RunningConfig current() {
        return current.view(port);
    }

    /**
     * Ends the running configuration and starts {@code profileName} with {@code workers} workers; returns once it
     * answers its health check.
     *
     * @throws IllegalArgumentException for an unknown profile or W outside 1..64 (nothing is changed then)
     * @throws StartFailedException if the new configuration did not start; nothing runs afterwards
     */
    public RunningConfig apply(String profileName, int workers) throws StartFailedException, InterruptedException {
        Profile profile = catalog.find(profileName)
                .orElseThrow(() -> new IllegalArgumentException(
                        "profile must be one of " + catalog.names() + ", was '" + profileName + "'"));
        if (workers < TargetConfig.MIN_WORKERS || workers > TargetConfig.MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be between " + TargetConfig.MIN_WORKERS + " and "
                    + TargetConfig.MAX_WORKERS + ", was " + workers);
        }
        synchronized (changeLock) {
            stopCurrent();
            List<ChildProcess> children = new ArrayList<>();
            try {
                List<List<String>> commands =
                        LaunchCommands.of(profile, workers, host, port, cpu.calibration(), shop.itemsDirectory());
                // A command profile runs somebody else's app: it is not given this host's token key.
                Map<String, String> environment = profile instanceof Profile.Command ? Map.of() : shop.environment();
                for (List<String> command : commands) {
                    String name = profile.name() + " process " + (children.size() + 1) + " of " + workers;
                    String readyPrefix = profile instanceof Profile.Command ? GUARD_READY : WORKER_READY;
                    children.add(ChildProcess.start(name, command, environment, readyPrefix));
                }
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                for (ChildProcess child : children) {
                    awaitReady(child, deadline);
                }
                String path = profile instanceof Profile.Command command ? command.readinessPath() : "/health";
                HealthCheck.await(host, port, path, deadline, children);
            } catch (InterruptedException e) {
                // Half-started workers must not survive an interrupted switch either.
                children.forEach(child -> child.stop(Duration.ZERO));
                throw e;
            } catch (IOException | StartFailedException | RuntimeException e) {
                children.forEach(child -> child.stop(Duration.ZERO));
                throw e instanceof StartFailedException failed
                        ? failed
                        : new StartFailedException("starting " + profile.name() + " failed: " + e);
            }
            current = new Deployment(profile, workers, List.copyOf(children), Instant.now());
            return current.view(port);
        }
    }

    /** Samples CPU, memory and request counts of the running configuration. */
    public HostStats stats() throws InterruptedException {
        Deployment deployment = current;
        int machineCores = Runtime.getRuntime().availableProcessors();
        List<HostStats.ProcessStats> processes = new ArrayList<>();
        Long total = deployment.profile() instanceof Profile.Command ? null : 0L;
        PathTotals paths = deployment.profile() instanceof Profile.Command ? null : new PathTotals();
        long ticks = 0;
        long rss = 0;
        for (ChildProcess child : deployment.children()) {
            if (deployment.profile() instanceof Profile.Command) {
                // The guard JVM is ours, not the app's: count only what it started.
                List<ProcessHandle> tree = child.handle().descendants().toList();
                Map<Long, String> roles = ProcessRoles.of(tree.stream()
                        .map(process -> new ProcessRoles.Process(
                                process.pid(),
                                process.parent().map(ProcessHandle::pid).orElse(-1L),
                                ProcessRoles.commandLine(process.pid())))
                        .toList());
                for (ProcessHandle process : tree) {
                    ProcUsage usage = ProcUsage.read(process.pid());
                    ticks += usage.cpuTicks();
                    rss += usage.rssBytes();
                    processes.add(usage(usage, roles.get(process.pid()), null));
                }
            } else {
                WorkerStats answer = read(child.requestStats(Duration.ofSeconds(5)));
                Long requests = answer == null ? null : answer.requests();
                total = total == null || requests == null ? null : total + requests;
                paths = paths == null || answer == null ? null : paths.plus(answer);
                ProcUsage usage = ProcUsage.read(child.pid());
                ticks += usage.cpuTicks();
                rss += usage.rssBytes();
                processes.add(usage(usage, HostStats.ProcessStats.WORKER, requests));
            }
        }
        // Summed in ticks and divided once: exact to the tick, not a sum of rounded doubles.
        double cpuSeconds = ticks / (double) ticksPerSecond;
        String method = "sum over the app's processes ("
                + (deployment.profile() instanceof Profile.Command
                        ? "every descendant of the command"
                        : "the worker JVMs")
                + ", started at " + deployment.startedAt() + ") of /proc/PID/stat"
                + " utime+stime+cutime+cstime / " + ticksPerSecond + " ticks per second, and of VmRSS in"
                + " /proc/PID/status; the supervisor JVM itself is not counted; per process, role = "
                + (deployment.profile() instanceof Profile.Command
                        ? "helper when its /proc/PID/cmdline names " + ProcessRoles.HELPER_MARKS
                                + ", master when another app process is its child, else worker"
                        : "worker (every worker JVM)")
                + "; capacityCores = the profile's ceiling for W workers on " + machineCores + " cores";
        return new HostStats(
                new HostStats.Config(
                        deployment.profile() == null
                                ? null
                                : deployment.profile().name(),
                        deployment.workers()),
                cpuSeconds,
                rss,
                total,
                processes,
                new Calibration(
                        cpu.calibration().iterationsPerMs(), cpu.calibration().method()),
                method,
                Instant.now(),
                total == null || paths == null ? null : paths.byPath(),
                total == null || paths == null ? null : paths.statusByPath,
                deployment.profile() == null
                        ? null
                        : deployment.profile().capacityCores(deployment.workers(), machineCores),
                machineCores);
    }

    /** The workers' per-endpoint counts summed, in the order the first worker listed them. */
    private static final class PathTotals {
        final Map<String, StatusCounts> statusByPath = new LinkedHashMap<>();

        PathTotals plus(WorkerStats worker) {
            worker.statusByPath().forEach((path, counts) -> statusByPath.merge(path, counts, StatusCounts::plus));
            return this;
        }

        Map<String, Long> byPath() {
            Map<String, Long> byPath = new LinkedHashMap<>();
            statusByPath.forEach((path, counts) -> byPath.put(path, counts.total()));
            return byPath;
        }
    }

    /** Ends the running configuration, deletes the items and releases the port. Idempotent. */
    @Override
    public void close() {
        synchronized (changeLock) {
            stopCurrent();
            shop.deleteItems();
            try {
                reservation.close();
            } catch (IOException e) {
                // Closing a bound socket does not fail in practice; the port is freed when the JVM exits anyway.
            }
        }
    }

    /** A worker's {@link WorkerStats} answer; {@code null} if it did not answer, or not readably. */
    private static WorkerStats read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.read(json, WorkerStats.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private HostStats.ProcessStats usage(ProcUsage usage, String role, Long requests) {
        return new HostStats.ProcessStats(
                usage.pid(), role, requests, usage.cpuTicks() / (double) ticksPerSecond, usage.rssBytes());
    }

    private void stopCurrent() {
        Deployment old = current;
        current = Deployment.NONE;
        // In parallel: 64 workers each given up to 5 s must not take 64 × 5 s.
        List<Thread> stoppers = new ArrayList<>();
        for (ChildProcess child : old.children()) {
            stoppers.add(Thread.ofVirtual().start(() -> child.stop(STOP_GRACE)));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitReady(ChildProcess child, long deadline)
            throws StartFailedException, InterruptedException {
        try {
            child.ready().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new StartFailedException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new StartFailedException(child.name() + " (pid " + child.pid() + ") was not ready within "
                    + START_TIMEOUT.toSeconds() + " s; its last output:\n" + child.tail());
        }
    }
}
