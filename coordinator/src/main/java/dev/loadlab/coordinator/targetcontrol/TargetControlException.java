package dev.loadlab.coordinator.targetcontrol;

/** The target host's control API refused or did not answer; the message says which call and why. */
public final class TargetControlException extends RuntimeException {
    public TargetControlException(String message) {
        super(message);
    }

    public TargetControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
