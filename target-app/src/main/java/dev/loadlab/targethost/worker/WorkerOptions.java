package dev.loadlab.targethost.worker;

import dev.loadlab.targethost.work.CpuCalibration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker process's command line, parsed by hand (a worker must start fast; 64 of them start at once on a small
 * machine). The supervisor writes it with {@link #toArgs()}, the worker reads it with {@link #parse}. Immutable.
 *
 * @param model how requests are scheduled
 * @param threads serving threads for {@link Model#BLOCKING}, 1..64 (ignored by the other models)
 * @param gil whether the emulated interpreter lock is on
 * @param keepAlive whether connections stay open after an answer (the blocking model closes them, see {@link
 *     ThreadedServer})
 * @param host the address to listen on
 * @param port the shared port, 1..65535
 * @param calibration the supervisor's CPU calibration, reused so every worker computes the same work per millisecond
 * @param itemsDirectory the directory of the host's items, shared by all its worker processes (the login password and
 *     token key come in the environment instead, see {@code shop.ShopSettings})
 */
public record WorkerOptions(
        Model model,
        int threads,
        boolean gil,
        boolean keepAlive,
        String host,
        int port,
        CpuCalibration calibration,
        Path itemsDirectory) {
    public WorkerOptions {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("--threads must be between 1 and 64, was " + threads);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 1 and 65535, was " + port);
        }
    }

    /** The arguments that {@link #parse} turns back into these options. */
    public List<String> toArgs() {
        return List.of(
                "--model", model.flag(),
                "--threads", Integer.toString(threads),
                "--gil", gil ? "on" : "off",
                "--keep-alive", keepAlive ? "on" : "off",
                "--host", host,
                "--port", Integer.toString(port),
                "--cpu-iterations-per-ms", Long.toString(calibration.iterationsPerMs()),
                "--calibration-method", calibration.method(),
                "--items-dir", itemsDirectory.toString());
    }

    /** Parses {@code --name value} pairs; every flag is required, and an error names the flag. */
    public static WorkerOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected '--flag value' pairs, got '" + args[i] + "'");
            }
            values.put(args[i], args[i + 1]);
        }
        return new WorkerOptions(
                Model.parse(required(values, "--model")),
                integer(values, "--threads"),
                onOff(values, "--gil"),
                onOff(values, "--keep-alive"),
                required(values, "--host"),
                integer(values, "--port"),
                new CpuCalibration(
                        Long.parseLong(required(values, "--cpu-iterations-per-ms")),
                        required(values, "--calibration-method")),
                Path.of(required(values, "--items-dir")));
    }

    private static String required(Map<String, String> values, String flag) {
        String value = values.get(flag);
        if (value == null) {
            throw new IllegalArgumentException(flag + " is required");
        }
        return value;
    }

    private static int integer(Map<String, String> values, String flag) {
        try {
            return Integer.parseInt(required(values, flag));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, was '" + values.get(flag) + "'");
        }
    }

    private static boolean onOff(Map<String, String> values, String flag) {
        return switch (required(values, flag)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(flag + " must be on or off, was '" + values.get(flag) + "'");
        };
    }
}
