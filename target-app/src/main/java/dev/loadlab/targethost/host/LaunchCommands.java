package dev.loadlab.targethost.host;

import dev.loadlab.targethost.work.CpuCalibration;
import dev.loadlab.targethost.worker.CommandGuard;
import dev.loadlab.targethost.worker.Model;
import dev.loadlab.targethost.worker.WorkerMain;
import dev.loadlab.targethost.worker.WorkerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of a configuration's processes: worker JVMs on this JVM's own {@code java} and class path, with
 * small heaps and stacks so that 64 of them fit (-Xmx128m is a ceiling, not a reservation), or the guard JVM around a
 * command profile's command with {@code {workers}}, {@code {port}} and {@code {app}} filled in. Stateless.
 */
final class LaunchCommands {
    private LaunchCommands() {}

    static List<List<String>> of(
            Profile profile, int workers, String host, int port, CpuCalibration calibration, Path itemsDirectory) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<List<String>> commands = new ArrayList<>();
        switch (profile) {
            case Profile.BuiltIn builtIn -> {
                int processes = builtIn.processPerWorker() ? workers : 1;
                int threads = builtIn.processPerWorker() ? 1 : workers;
                WorkerOptions options = new WorkerOptions(
                        builtIn.model(),
                        threads,
                        builtIn.gil(),
                        builtIn.model() != Model.BLOCKING,
                        host,
                        port,
                        calibration,
                        itemsDirectory);
                for (int i = 0; i < processes; i++) {
                    List<String> command = new ArrayList<>(List.of(
                            java,
                            "-Xms8m",
                            "-Xmx128m",
                            "-XX:+UseSerialGC",
                            "-Xss256k",
                            "-XX:-UsePerfData",
                            "-cp",
                            classPath));
                    if (builtIn.model() == Model.VIRTUAL) {
                        // One carrier thread: virtual threads then share one core, as greenlets share one OS thread.
                        command.add("-Djdk.virtualThreadScheduler.parallelism=1");
                        command.add("-Djdk.virtualThreadScheduler.maxPoolSize=1");
                    }
                    command.add(WorkerMain.class.getName());
                    command.addAll(options.toArgs());
                    commands.add(command);
                }
            }
            case Profile.Command command -> {
                List<String> guarded = new ArrayList<>(List.of(
                        java,
                        "-Xmx32m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData",
                        "-cp",
                        classPath,
                        CommandGuard.class.getName()));
                for (String word : command.command().split("\\s+")) {
                    // Per word, after the split: an {app} directory with a space in it stays one argument.
                    guarded.add(word.replace("{workers}", Integer.toString(workers))
                            .replace("{port}", Integer.toString(port))
                            .replace(
                                    Profile.Command.APP_PLACEHOLDER,
                                    command.appDirectory().toString()));
                }
                commands.add(guarded);
            }
        }
        return commands;
    }
}
