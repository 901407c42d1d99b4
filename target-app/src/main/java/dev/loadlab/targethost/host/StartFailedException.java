package dev.loadlab.targethost.host;

/** A configuration did not become healthy in time or a worker died starting; the message names it and its output. */
public final class StartFailedException extends Exception {
    public StartFailedException(String message) {
        super(message);
    }
}
