package dev.loadlab.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * What every subcommand shares: the global options (URL, token, data directory), the one {@link ApiClient} made from
 * them, the command's {@link Output} and signals, {@code --help} with the exit codes, and the mapping of a {@link
 * CliException} to its message on stderr and its exit code. A subcommand only implements {@link #execute()}. Mutable
 * (picocli fills it), used once from one thread.
 */
@Command(mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n")
abstract class ApiCommand implements Callable<Integer> {
    @ParentCommand
    CliMain.Root root;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    private ApiClient api;

    /** The command itself; returns its exit code ({@link ExitCode}) or throws a {@link CliException}. */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (CliException failure) {
            output().error("loadlab: " + failure.getMessage());
            return failure.exitCode();
        }
    }

    /** The client of the coordinator the global options name, made on first use. */
    final ApiClient api() {
        if (api == null) {
            api = global.client(env());
        }
        return api;
    }

    final Output output() {
        return root.output;
    }

    final Map<String, String> env() {
        return root.env;
    }

    final Interrupts interrupts() {
        return root.interrupts;
    }
}
