package dev.loadlab.targethost.work;

/**
 * A query parameter that is missing, not a number or out of bounds; the message names the parameter and the bound, and
 * is safe to show to the client (it contains no stack trace and at most a short echo of the bad value).
 */
public final class BadParameterException extends RuntimeException {
    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    /** The name of the offending query parameter, e.g. {@code ms}. */
    public String parameter() {
        return parameter;
    }
}
