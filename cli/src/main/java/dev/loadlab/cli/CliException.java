package dev.loadlab.cli;

/**
 * A command that cannot go on: bad input, an unreachable coordinator or a refused request. Its message is what the
 * user sees (on stderr, no stack trace); {@link #exitCode()} is the process's exit status; {@link #httpStatus()} the
 * coordinator's answer when it refused (0 otherwise). Immutable.
 */
final class CliException extends RuntimeException {
    private final int exitCode;
    private final int httpStatus;

    CliException(String message) {
        this(message, ExitCode.BAD_INPUT);
    }

    CliException(String message, int exitCode) {
        this(message, exitCode, 0);
    }

    /** The coordinator answered {@code httpStatus} (an error): bad input. */
    static CliException refused(String message, int httpStatus) {
        return new CliException(message, ExitCode.BAD_INPUT, httpStatus);
    }

    private CliException(String message, int exitCode, int httpStatus) {
        super(message);
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    int exitCode() {
        return exitCode;
    }

    int httpStatus() {
        return httpStatus;
    }
}
