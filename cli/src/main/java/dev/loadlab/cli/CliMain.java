package dev.loadlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code loadlab} command line client's entry point: {@link #execute} runs one command against the injected
 * environment and writers and returns its exit code ({@link ExitCode}), so tests run it in-process; {@link #main}
 * wires it to the process's own, with a JLine terminal when stdout is an interactive one, and catches SIGINT and
 * SIGTERM while a run is watched ({@link Interrupts}). Stateless.
 */
public final class CliMain {
    private CliMain() {}

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Terminal terminal = interactiveTerminal();
        int code;
        if (terminal != null) {
            code = execute(args, System.getenv(), Output.terminal(terminal, err), Interrupts.system(terminal));
            try {
                terminal.close();
            } catch (IOException e) {
                // The command has ended and said what it had to; a terminal that will not close changes nothing.
            }
        } else {
            code = execute(
                    args,
                    System.getenv(),
                    Output.plain(new PrintWriter(System.out, true, StandardCharsets.UTF_8), err, System.out),
                    Interrupts.system(null));
        }
        System.exit(code);
    }

    /** Runs {@code args} with plain output (no colour, no redrawn lines) on {@code out} and {@code err}. */
    public static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        return execute(args, env, Output.plain(out, err), Interrupts.none());
    }

    static int execute(String[] args, Map<String, String> env, Output output, Interrupts interrupts) {
        Root root = new Root(Map.copyOf(env), output, interrupts);
        CommandLine cli = new CommandLine(root)
                .setOut(output.out())
                .setErr(output.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, rest) -> {
                    output.error("loadlab: " + e.getMessage());
                    e.getCommandLine().usage(output.err());
                    return ExitCode.BAD_INPUT;
                })
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    if (e instanceof CliException failure) {
                        output.error("loadlab: " + failure.getMessage());
                        return failure.exitCode();
                    }
                    output.error("loadlab: " + e);
                    return ExitCode.BAD_INPUT;
                });
        return cli.execute(args);
    }

    /**
     * A JLine terminal when stdout is an interactive terminal that is not "dumb"; null otherwise. JLine itself checks
     * that stdout is a terminal (since JDK 22 {@code System.console()} is not null for a redirected one either).
     */
    private static Terminal interactiveTerminal() {
        String term = Objects.requireNonNullElse(System.getenv("TERM"), "");
        if (System.console() == null || term.isEmpty() || term.equals("dumb")) {
            return null;
        }
        try {
            Terminal terminal =
                    TerminalBuilder.builder().system(true).dumb(false).build();
            return Terminal.TYPE_DUMB.equals(terminal.getType()) ? null : terminal;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The top command: only subcommands and help. Holds what every subcommand shares. */
    @Command(
            name = "loadlab",
            mixinStandardHelpOptions = true,
            description = "A client of a LoadLab coordinator's REST API.",
            subcommands = {
                RunCommand.class,
                QueryCommands.Watch.class,
                CompareCommand.class,
                ExportCommand.class,
                QueryCommands.Ls.class,
                QueryCommands.Show.class,
                QueryCommands.Cancel.class,
                QueryCommands.Scenarios.class,
                QueryCommands.Agents.class,
                CommandLine.HelpCommand.class
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                ExitCode.HELP_0,
                ExitCode.HELP_1 + "; compare, run --baseline: a step regressed",
                ExitCode.HELP_2,
                ExitCode.HELP_3,
                ExitCode.HELP_4
            })
    static final class Root implements Runnable {
        final Map<String, String> env;
        final Output output;
        final Interrupts interrupts;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Root(Map<String, String> env, Output output, Interrupts interrupts) {
            this.env = env;
            this.output = output;
            this.interrupts = interrupts;
        }

        @Override
        public void run() {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "name a command: run, watch, compare, export, ls, show, cancel, scenarios or agents");
        }
    }
}
