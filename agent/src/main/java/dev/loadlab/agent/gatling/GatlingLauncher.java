package dev.loadlab.agent.gatling;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.gatling.app.Gatling$;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Starts Gatling in this JVM for one simulation and puts back what Gatling tears down on its way out. Stateless. */
final class GatlingLauncher {
    private GatlingLauncher() {}

    /** Blocking. Returns null when Gatling finished normally, otherwise a sentence saying what went wrong. */
    static String launch(Class<?> simulation, Path resultsDir) {
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
