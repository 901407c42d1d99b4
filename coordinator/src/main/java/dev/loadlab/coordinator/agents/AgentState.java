package dev.loadlab.coordinator.agents;

/** An agent's state as the coordinator sees it. REFUSED: it said hello in a protocol version this one does not speak. */
public enum AgentState {
    IDLE,
    BUSY,
    REFUSED
}
