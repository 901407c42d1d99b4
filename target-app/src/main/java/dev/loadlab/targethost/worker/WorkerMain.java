package dev.loadlab.targethost.worker;

import dev.loadlab.targethost.gil.InterpreterLock;
import dev.loadlab.targethost.http.WorkerApp;
import dev.loadlab.targethost.shop.Shop;
import dev.loadlab.targethost.shop.ShopSettings;
import dev.loadlab.targethost.work.CpuWork;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One worker process of the target host, started by the supervisor: listens on the shared port (SO_REUSEPORT), serves
 * with one {@link Model}, and talks to its parent over stdin/stdout. Protocol: once serving it prints {@code
 * loadlab-worker ready: pid=P port=N}; for every {@code stats} line on stdin it prints {@code stats {json}} (its own
 * exact counters, see {@link WorkerApp#statsJson()}); at end of stdin - the supervisor closed it, or died, taking the
 * pipe with it - the worker exits. The host's login password and token key come in the environment ({@link
 * ShopSettings#fromEnvironment}), so no command line shows them. It also exits when its parent process ends, so no worker outlives its supervisor.
 */
public final class WorkerMain {
    /** CPU work run before the ready line so the loop is compiled before the first request (a few ms per worker). */
    private static final long WARM_UP_MS = 30;

    private WorkerMain() {}

    public static void main(String[] args) {
        WorkerOptions options;
        ShopSettings shop;
        try {
            options = WorkerOptions.parse(args);
            shop = ShopSettings.fromEnvironment(System.getenv(), options.itemsDirectory());
        } catch (IllegalArgumentException e) {
            System.err.println("loadlab-worker: " + e.getMessage());
            System.exit(2);
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(0)));
        try {
            run(options, shop, System.out);
        } catch (IOException | RuntimeException e) {
            System.err.println("loadlab-worker: failed: " + e);
            System.exit(1);
        }
    }

    private static void run(WorkerOptions options, ShopSettings shop, PrintStream out) throws IOException {
        CpuWork cpu = CpuWork.of(options.calibration());
        WorkerApp app = new WorkerApp(cpu, options.keepAlive(), options.threads(), new Shop(shop));
        InterpreterLock gil = options.gil()
                ? InterpreterLock.enabled(InterpreterLock.DEFAULT_SWITCH_INTERVAL)
                : InterpreterLock.disabled();
        ServerSocketChannel listener = Listener.open(options.host(), options.port());
        warmUp(cpu);
        // Load Jackson now, before "ready": otherwise the first stats request of a step pays for it, inside the
        // step's CPU accounting and against the supervisor's 5 s stats timeout, in every worker at once.
        app.statsJson();
        switch (options.model()) {
            case BLOCKING -> new ThreadedServer(listener, app, gil).startBlocking(options.threads());
            case VIRTUAL -> new ThreadedServer(listener, app, gil).startVirtual();
            case EVENT_LOOP -> new EventLoopServer(listener, app).start();
        }
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        out.println("loadlab-worker ready: pid=" + ProcessHandle.current().pid() + " port=" + port);
        out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
            if (line.strip().equals("stats")) {
                out.println("stats " + app.statsJson());
                out.flush();
            }
        }
        // End of stdin: the supervisor let go of us (or died). Halt: there is nothing to clean up but sockets.
        Runtime.getRuntime().halt(0);
    }

    private static void warmUp(CpuWork cpu) {
        long iterations = cpu.iterationsFor(WARM_UP_MS);
        long sink = 0;
        for (long done = 0; done < iterations; done += 10_000) {
            sink += CpuWork.compute(sink, 10_000);
        }
        if (sink == 42) {
            System.err.println("loadlab-worker: warm-up sink " + sink); // keeps the JIT from dropping the loop
        }
    }
}
