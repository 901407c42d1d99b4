package dev.loadlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debian packages the generator bench needs (wrk, nginx-light), installed with apt-get when missing and root. */
final class Packages {
    private Packages() {}

    /** Returns whether {@code command} is on the PATH after trying to install {@code pkg}; says what it did. */
    static boolean ensure(String command, String pkg) throws IOException, InterruptedException {
        if (onPath(command)) {
            return true;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !onPath("apt-get")) {
            System.err.println(command + " is missing and this is not root with apt-get: install " + pkg);
            return false;
        }
        System.err.println(command + " is missing: installing " + pkg + " with apt-get ...");
        run(List.of("apt-get", "update", "-qq"));
        run(List.of("apt-get", "install", "-y", "-qq", pkg));
        return onPath(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        builder.start().waitFor();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command));
    }
}
