package dev.loadlab.protocol.message;

/** The coordinator accepted the agent's {@link Hello}: it speaks the same protocol version. */
public record Welcome(int protocolVersion) implements ToAgent {}
