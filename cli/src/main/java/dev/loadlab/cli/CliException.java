package dev.loadlab.cli;

/**
 * A command that cannot go on: bad input, an unreachable coordinator or a refused request. Its message is what the
 * user sees (on stderr, no stack trace); {@link #exitCode()} is the process's exit status. Immutable.
 */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(String message) {
        this(message, ExitCode.BAD_INPUT);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
