package dev.loadlab.targethost.host;

import dev.loadlab.targethost.worker.Model;
import java.nio.file.Path;

/** A way to run the target app with W workers: built into the target host, or a command line from its config file. */
public sealed interface Profile {
    String name();

    /** One line for {@code GET /control/profiles}. */
    String description();

    /**
     * How many cores W workers of this profile can keep busy at most on a machine of {@code machineCores}: the ceiling
     * the coordinator compares the target's measured cores with to tell a saturated target from a starved one.
     */
    double capacityCores(int workers, int machineCores);

    /**
     * A built-in profile: worker JVMs running {@code WorkerMain}.
     *
     * @param processPerWorker W processes of one thread/loop each (true) or one process of W threads (false)
     * @param model how each process schedules requests
     * @param gil whether the emulated interpreter lock is on
     */
    record BuiltIn(String name, String description, boolean processPerWorker, Model model, boolean gil)
            implements Profile {
        @Override
        public double capacityCores(int workers, int machineCores) {
            // Under the emulated interpreter lock one process runs Python code on one core at a time, whatever W.
            return gil ? 1 : Math.min(workers, machineCores);
        }
    }

    /**
     * A command profile from the host's own config file, e.g. {@code gunicorn -w {workers} -b 127.0.0.1:{port} app:app}.
     *
     * @param command the command line, split on whitespace, with {@code {workers}}, {@code {port}} and {@code {app}}
     *     placeholders
     * @param readinessPath the path that answers 200 once the app serves, e.g. {@code /health}
     * @param cores how many cores the app can use: {@code workers} (one per worker, the default) or a number, e.g.
     *     {@code 1} for one process of threads under the GIL
     * @param appDirectory what {@code {app}} stands for: the absolute directory of the profiles file, so that a profile
     *     can name an app kept next to it (e.g. {@code --chdir {app}}) whatever directory the host was started in
     */
    record Command(
            String name, String description, String command, String readinessPath, String cores, Path appDirectory)
            implements Profile {
        /** The key's value for one core per worker. */
        public static final String CORES_PER_WORKER = "workers";

        /** The placeholder for {@link #appDirectory}. */
        public static final String APP_PLACEHOLDER = "{app}";

        public Command {
            if (appDirectory == null || !appDirectory.isAbsolute()) {
                throw new IllegalArgumentException("appDirectory must be an absolute path, was " + appDirectory);
            }
        }

        @Override
        public double capacityCores(int workers, int machineCores) {
            double wanted = CORES_PER_WORKER.equals(cores) ? workers : Double.parseDouble(cores);
            return Math.min(wanted, machineCores);
        }
    }
}
