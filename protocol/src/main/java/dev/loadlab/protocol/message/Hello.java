package dev.loadlab.protocol.message;

/** An agent announcing itself; answered by {@link Welcome} or {@link Refused}. */
public record Hello(AgentInfo agent) implements ToCoordinator {}
