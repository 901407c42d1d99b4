package dev.loadlab.protocol.message;

/**
 * The coordinator refused the agent's {@link Hello}; {@code reason} says why in words an operator can act on. This
 * record must keep its shape across protocol versions: it is how a mismatch is reported.
 */
public record Refused(int coordinatorProtocolVersion, String reason) implements ToAgent {}
