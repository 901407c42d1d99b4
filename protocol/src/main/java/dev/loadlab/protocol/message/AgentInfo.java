package dev.loadlab.protocol.message;

/**
 * An agent as it registers itself: a unique id, the host it runs on, its cores, the protocol version it speaks, its
 * build version and its Hazelcast member UUID (so the coordinator can tie a member that leaves to the agent). Immutable.
 */
public record AgentInfo(String id, String host, int cores, int protocolVersion, String version, String memberUuid) {}
