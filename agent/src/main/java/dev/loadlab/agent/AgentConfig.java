package dev.loadlab.agent;

import java.nio.file.Path;

/**
 * Everything an agent is configured with, read once by {@link AgentMain} (flag, then environment variable, then
 * default). {@code joinHost:joinPort} is the coordinator's Hazelcast member; {@code bindHost} the address this agent's
 * member listens on. Immutable.
 */
public record AgentConfig(String id, String joinHost, int joinPort, String bindHost, String clusterName, Path workDir) {
    public AgentConfig {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException(
                    "--id must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, was "
                            + id);
        }
        if (joinPort < 1 || joinPort > 65_535) {
            throw new IllegalArgumentException("--join port must be between 1 and 65535, was " + joinPort);
        }
    }

    /** {@code host:port} of the coordinator's member. */
    public String joinAddress() {
        return joinHost + ":" + joinPort;
    }
}
