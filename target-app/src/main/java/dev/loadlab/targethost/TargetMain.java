package dev.loadlab.targethost;

import dev.loadlab.targethost.host.ControlServer;
import dev.loadlab.targethost.host.HostConfig;
import dev.loadlab.targethost.host.ProfileCatalog;
import dev.loadlab.targethost.host.StartFailedException;
import dev.loadlab.targethost.host.Supervisor;
import dev.loadlab.targethost.work.CpuWork;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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
 *
 * <p>Two modes. The default profile ({@code threaded}) without a control API runs in this JVM, exactly as before: the
 * JDK server on W threads. Any other profile, or a control API ({@code --control-port} with a token), makes this JVM a
 * supervisor: the app runs in worker processes on the shared port, and a second line {@code loadlab-target control:
 * http://127.0.0.1:PORT} follows the ready line when the control API is on.
 */
@Command(
        name = "loadlab target",
        mixinStandardHelpOptions = true,
        description = "Runs the LoadLab target app: /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M, /health, /stats,"
                + " POST /login, POST and GET /items, GET /items/{id}, /echo.")
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
            names = "--bind-host",
            paramLabel = "ADDRESS",
            description = "Address the app and its control API listen on (env " + TargetConfig.BIND_HOST_ENV
                    + ", default " + TargetConfig.DEFAULT_BIND_HOST + ": a load target must not be reachable by"
                    + " accident; 0.0.0.0 or a pod IP to serve agents on other hosts).")
    String bindHost;

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

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Profile to start with: multi-process, threaded-gil, threaded, async, green or a command"
                    + " profile (env " + HostConfig.PROFILE_ENV + ", default " + HostConfig.DEFAULT_PROFILE + ").")
    String profile;

    @Option(
            names = "--control-port",
            paramLabel = "PORT",
            description = "Port of the control API, 0 for any free one (env " + HostConfig.CONTROL_PORT_ENV
                    + "; off by default, and off without a token).")
    Integer controlPort;

    @Option(
            names = "--control-token",
            paramLabel = "TOKEN",
            description = "Bearer token every control call must send (env " + HostConfig.CONTROL_TOKEN_ENV + ").")
    String controlToken;

    @Option(
            names = "--profiles-file",
            paramLabel = "FILE",
            description = "Properties file of command profiles (env " + ProfileCatalog.PROFILES_ENV + ").")
    Path profilesFile;

    @Option(
            names = "--login-password",
            paramLabel = "PASSWORD",
            description = "Password POST /login accepts, on every profile (env " + HostConfig.LOGIN_PASSWORD_ENV
                    + ", default " + HostConfig.DEFAULT_LOGIN_PASSWORD + ").")
    String loginPassword;

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
            return TargetConfig.resolve(bindHost, port, workers, env);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The host settings these flags and this environment give; a bad value is a usage error naming its source. */
    HostConfig hostConfig() {
        try {
            return HostConfig.resolve(profile, controlPort, controlToken, profilesFile, loginPassword, env);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        TargetConfig config = config();
        HostConfig host = hostConfig();
        if (host.controlPort().isPresent() && host.controlToken().isEmpty()) {
            System.err.println("loadlab-target: --control-port is set but no token (--control-token or "
                    + HostConfig.CONTROL_TOKEN_ENV + "): the control API stays off");
        }
        if (host.controlEnabled()
                || !host.profile().equals(HostConfig.DEFAULT_PROFILE)
                || host.profilesFile().isPresent()) {
            return supervise(config, host);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        TargetServer server = new TargetServer(config, CpuWork.calibrated(), host.loginPassword()).start();
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

    private Integer supervise(TargetConfig config, HostConfig host) throws InterruptedException, IOException {
        ProfileCatalog catalog;
        try {
            catalog = host.profilesFile().isPresent()
                    ? ProfileCatalog.withFile(host.profilesFile().get())
                    : ProfileCatalog.builtIn();
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "profiles file: " + e.getMessage(), e);
        }
        if (catalog.find(host.profile()).isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--profile must be one of " + catalog.names() + ", was '" + host.profile() + "'");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Supervisor supervisor =
                new Supervisor(catalog, config.bindHost(), config.port(), CpuWork.calibrated(), host.loginPassword());
        ControlServer control = null;
        try {
            supervisor.apply(host.profile(), config.workers());
        } catch (StartFailedException e) {
            supervisor.close();
            System.err.println("loadlab-target: " + e.getMessage());
            return 1;
        }
        if (host.controlEnabled()) {
            control = new ControlServer(
                    supervisor,
                    host.controlToken().get(),
                    config.bindHost(),
                    host.controlPort().get());
        }
        if (exitWithParent) {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        }
        ControlServer controlToStop = control;
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("loadlab-target-stop").unstarted(() -> {
                    if (controlToStop != null) {
                        controlToStop.close();
                    }
                    supervisor.close();
                    stopped.countDown();
                }));
        out.println("loadlab-target ready: http://" + config.bindHost() + ":" + supervisor.port() + " (workers="
                + config.workers() + ", cpu calibration: "
                + supervisor.cpu().calibration().iterationsPerMs()
                + " iterations per ms)");
        if (control != null) {
            out.println("loadlab-target control: http://" + config.bindHost() + ":" + control.port());
        }
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
