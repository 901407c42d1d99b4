package dev.loadlab.target;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loadlab target}: runs the target app until the process is stopped (SIGTERM or Ctrl-C end it cleanly through a
 * shutdown hook). Prints exactly one line to stdout, once it is serving, which a parent process finds with the regex
 * {@code ready: (http://\S+)}; everything else (logs, errors) goes to stderr.
 */
@Command(
        name = "loadlab target",
        mixinStandardHelpOptions = true,
        description = "Runs the LoadLab target app: /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M, /health, /stats.")
public final class TargetMain implements Callable<Integer> {
    /** Where the logging configuration lives: a name of its own, so it never clashes with another module's. */
    private static final String LOGBACK_CONFIG = "loadlab-target-logback.xml";

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "TCP port, 0 for any free one (env " + TargetConfig.PORT_ENV + ", default "
                    + TargetConfig.DEFAULT_PORT + ").")
    Integer port;

    @Option(
            names = "--workers",
            paramLabel = "W",
            description = "Threads serving requests, " + TargetConfig.MIN_WORKERS + ".." + TargetConfig.MAX_WORKERS
                    + " (env " + TargetConfig.WORKERS_ENV + ", default " + TargetConfig.DEFAULT_WORKERS + ").")
    Integer workers;

    @Option(
            names = "--exit-with-parent",
            description = "Exit when the process that started this one exits (the demo uses it: no orphan targets).")
    boolean exitWithParent;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final PrintStream out;

    TargetMain(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) {
        // Both must happen before the classes that read them load: the JDK server reads its TCP_NODELAY switch once,
        // logback its configuration once.
        System.setProperty(TargetServer.NODELAY_PROPERTY, "true");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        System.exit(new CommandLine(new TargetMain(System.getenv(), System.out)).execute(args));
    }

    /** The configuration these flags and this environment give; a bad value is a usage error naming its source. */
    TargetConfig config() {
        try {
            return TargetConfig.resolve(port, workers, env);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        TargetConfig config = config();
        CountDownLatch stopped = new CountDownLatch(1);
        TargetServer server = new TargetServer(config).start();
        if (exitWithParent) {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("loadlab-target-stop").unstarted(() -> {
                    server.stop();
                    stopped.countDown();
                }));
        out.println(readyLine(server));
        out.flush();
        stopped.await();
        return 0;
    }

    /** The one line a parent process waits for; its format is a contract (see the class comment). */
    static String readyLine(TargetServer server) {
        return "loadlab-target ready: " + server.baseUri() + " (workers="
                + server.config().workers() + ", cpu calibration: "
                + server.calibration().iterationsPerMs() + " iterations per ms)";
    }
}
