package dev.loadlab.protocol;

/** The version of the coordinator-agent protocol; both sides refuse to talk across a mismatch. */
public final class ProtocolVersion {
    /** Bump whenever a message record changes shape. */
    public static final int CURRENT = 4;

    private ProtocolVersion() {}
}
