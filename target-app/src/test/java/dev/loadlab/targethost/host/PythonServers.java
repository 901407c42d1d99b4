package dev.loadlab.targethost.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether Debian's {@code /usr/bin/python3} can run the real servers of {@code python/profiles.properties}, installing
 * the packages as {@code ./loadlab}'s {@code ensure_python_servers} does when they are missing and this runs as root
 * with apt-get. Tests skip with {@link #missing()}'s reason only when that cannot be done.
 */
final class PythonServers {
    static final String PYTHON = "/usr/bin/python3";
    static final List<String> PACKAGES =
            List.of("gunicorn", "python3-uvicorn", "python3-gevent", "python3-uvloop", "python3-httptools");

    private static final List<String> CHECK =
            List.of(PYTHON, "-c", "import gunicorn, uvicorn, gevent, uvloop, httptools");

    private PythonServers() {}

    /** Empty when the servers can run (installed now if need be), else why not. */
    static synchronized Optional<String> missing() throws InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return Optional.of(PYTHON + " is not there: the Python profiles need Debian's python3 with " + PACKAGES);
        }
        String error = run(CHECK, 60);
        if (error == null) {
            return Optional.empty();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return Optional.of(PYTHON + " lacks the Python servers (" + error.strip() + ") and this test is not root"
                    + " with apt-get to install " + PACKAGES);
        }
        String installed = run(
                List.of(
                        "sh",
                        "-c",
                        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
                                + String.join(" ", PACKAGES)),
                600);
        String after = run(CHECK, 60);
        return after == null
                ? Optional.empty()
                : Optional.of("installing " + PACKAGES + " with apt-get did not help: " + installed + " / " + after);
    }

    /** Runs {@code command}; {@code null} when it exits 0, else its output and exit code. */
    private static String run(List<String> command, int timeoutSeconds) throws InterruptedException {
        Path log = null;
        try {
            // Output to a file, not a pipe: a pipe read to its end would wait past the timeout.
            log = Files.createTempFile("loadlab-python-servers", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return command + " did not finish within " + timeoutSeconds + " s";
            }
            return process.exitValue() == 0
                    ? null
                    : Files.readString(log, StandardCharsets.UTF_8) + " (exit code " + process.exitValue() + ")";
        } catch (IOException e) {
            return command + " could not run: " + e.getMessage();
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // A temporary file left behind is harmless.
                }
            }
        }
    }
}
