package dev.loadlab.targethost;

import com.sun.net.httpserver.HttpServer;
import dev.loadlab.targethost.shop.Shop;
import dev.loadlab.targethost.shop.ShopSettings;
import dev.loadlab.targethost.work.CpuCalibration;
import dev.loadlab.targethost.work.CpuWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's HTTP server in the {@code threaded} profile: the JDK's {@link HttpServer} with a fixed pool of {@link
 * TargetConfig#workers()} blocking threads, so at most that many requests are served at once and the rest queue (like
 * Gunicorn's threaded workers). Usable in-process: {@code try (var target = new TargetServer(config).start()) {...}}.
 * Started once, stopped once. Thread-safe.
 *
 * <p>The JDK server only disables Nagle's algorithm when the system property {@value #NODELAY_PROPERTY} is {@code true}
 * at the moment its configuration class is first loaded; without it, every small answer waits ~40 ms for a delayed
 * ACK. {@link TargetMain} sets it first thing; in-process users must set it on the JVM command line (the build's test
 * JVMs do), and {@link #start()} warns if it is missing.
 */
public final class TargetServer implements AutoCloseable {
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private static final Logger LOG = LoggerFactory.getLogger(TargetServer.class);

    /** Pending connections the kernel may queue: a load test opens hundreds at once, far more than the JDK's 50. */
    private static final int BACKLOG = 1024;

    /** How long {@link #stop()} lets requests in progress finish before it closes their connections. */
    private static final int STOP_GRACE_SECONDS = 1;

    private final TargetConfig config;
    private final CpuWork cpu;
    private final String loginPassword;
    private final RequestStats stats = new RequestStats();

    // Guarded by "this".
    private HttpServer server;
    private ShopSettings shop;
    private ExecutorService workers;
    private int boundPort = -1;
    private boolean stopped;

    /** A server with this JVM's shared CPU calibration (measured on first use, about 200 ms). */
    public TargetServer(TargetConfig config) {
        this(config, CpuWork.calibrated());
    }

    /** A server with a given CPU calibration, e.g. one measured once by a supervisor. */
    public TargetServer(TargetConfig config, CpuWork cpu) {
        this(config, cpu, ShopSettings.DEFAULT_LOGIN_PASSWORD);
    }

    /**
     * A server with a given CPU calibration whose {@code POST /login} accepts {@code loginPassword}. Its items live in a
     * temporary directory of its own from {@link #start()} to {@link #stop()}.
     */
    public TargetServer(TargetConfig config, CpuWork cpu, String loginPassword) {
        this.config = config;
        this.cpu = cpu;
        this.loginPassword = loginPassword;
    }

    /**
     * Binds and starts serving; returns {@code this} so construction, start and try-with-resources fit in one line.
     *
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken)
     * @throws IllegalStateException if already started or stopped
     */
    public synchronized TargetServer start() {
        if (server != null || stopped) {
            throw new IllegalStateException("a TargetServer can be started only once");
        }
        if (!Boolean.getBoolean(NODELAY_PROPERTY)) {
            LOG.warn(
                    "-D{}=true is not set: small answers will be delayed ~40 ms by Nagle's algorithm",
                    NODELAY_PROPERTY);
        }
        InetSocketAddress address = new InetSocketAddress(config.bindHost(), config.port());
        HttpServer http;
        try {
            http = HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bindHost() + ":" + config.port(), e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(config.workers(), workerThreads());
        http.setExecutor(pool);
        ShopSettings settings = ShopSettings.forNewHost(loginPassword);
        http.createContext("/", new TargetHandler(cpu, stats, config.workers(), new Shop(settings)));
        http.start();
        server = http;
        shop = settings;
        workers = pool;
        boundPort = http.getAddress().getPort();
        return this;
    }

    /** The port actually bound (the ephemeral one when configured with port 0). */
    public synchronized int port() {
        if (boundPort < 0) {
            throw new IllegalStateException("the server has not been started");
        }
        return boundPort;
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI baseUri() {
        return URI.create("http://" + config.bindHost() + ":" + port());
    }

    public TargetConfig config() {
        return config;
    }

    public CpuCalibration calibration() {
        return cpu.calibration();
    }

    /** The request counters now, the same figures {@code GET /stats} reports. */
    public StatsSnapshot stats() {
        return stats.snapshot();
    }

    /**
     * Stops listening, gives requests in progress about a second to finish, then closes every connection and ends the
     * worker threads (a request still waiting is interrupted and gets no answer), and deletes the items. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (server == null) {
            return;
        }
        server.stop(STOP_GRACE_SECONDS);
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("target worker threads did not end within 5 s of stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shop.deleteItems();
    }

    @Override
    public void close() {
        stop();
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        // Daemon threads: a server somebody forgot to stop must not keep a test JVM alive.
        return task -> Thread.ofPlatform()
                .name("loadlab-target-worker-" + count.incrementAndGet())
                .daemon(true)
                .unstarted(task);
    }
}
