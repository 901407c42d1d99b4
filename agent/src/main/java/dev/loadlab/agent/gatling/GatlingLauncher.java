package dev.loadlab.agent.gatling;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import com.typesafe.config.ConfigFactory;
import io.gatling.app.Gatling$;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Starts Gatling in this JVM for one simulation and puts back what Gatling tears down on its way out. Stateless. */
final class GatlingLauncher {
    private GatlingLauncher() {}

    /** Blocking. Returns null when Gatling finished normally, otherwise a sentence saying what went wrong. */
    static String launch(Class<?> simulation, Path resultsDir) {
        return launch(simulation, resultsDir, Map.of());
    }

    /**
     * As {@link #launch(Class, Path)}, with Gatling configuration keys ({@code gatling.ssl...}) for this run only.
     * Gatling reads its configuration when each run starts, from system properties first, through Typesafe Config,
     * which caches them: so they are set, the cache is dropped, Gatling runs, and they are put back as they were. The
     * caller must hold the JVM's one-run lock (no other run may start meanwhile).
     */
    static String launch(Class<?> simulation, Path resultsDir, Map<String, String> gatlingConfig) {
        Map<String, String> previous = new HashMap<>();
        gatlingConfig.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        ConfigFactory.invalidateCaches();
        try {
            return run(simulation, resultsDir);
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
            ConfigFactory.invalidateCaches();
        }
    }

    private static String run(Class<?> simulation, Path resultsDir) {
        String[] args = {"-s", simulation.getName(), "-rf", resultsDir.toString(), "-nr"};
        try {
            // fromArgs, not main: main calls System.exit.
            int status = Gatling$.MODULE$.fromArgs(args);
            return status == 0 ? null : "Gatling exited with status " + status;
        } catch (Exception | LinkageError e) {
            // Scala code may throw checked exceptions undeclared, hence Exception; LinkageError means a broken
            // classpath.
            return "Gatling crashed: " + describe(e);
        } finally {
            restartLogback();
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null
                ? root.getClass().getName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * Gatling stops Logback's context when a run ends (it expects the JVM to exit), which silences every logger of the
     * agent. Configure it again from the same files, so logging survives any number of runs.
     */
    private static void restartLogback() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context) || context.isStarted()) {
            return;
        }
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            // Nothing to log to yet; stderr is the only place left to say it.
            System.err.println("LoadLab: could not reconfigure Logback after a Gatling run: " + e.getMessage());
        }
        context.start();
    }
}
