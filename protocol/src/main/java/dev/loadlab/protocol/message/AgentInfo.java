package dev.loadlab.protocol.message;

/**
 * An agent as it registers itself: a unique id, the host it runs on, its cores, the protocol version it speaks, its
 * build version, its Hazelcast member UUID (so the coordinator can tie a member that leaves to the agent) and how it
 * warmed up before joining. {@code warmUp} is null from an agent that does not report one (older builds leave the
 * field out; the lenient reader gives null). Immutable.
 */
public record AgentInfo(
        String id, String host, int cores, int protocolVersion, String version, String memberUuid, WarmUp warmUp) {
    /** An agent that reports no warm-up. */
    public AgentInfo(String id, String host, int cores, int protocolVersion, String version, String memberUuid) {
        this(id, host, cores, protocolVersion, version, memberUuid, null);
    }
}
