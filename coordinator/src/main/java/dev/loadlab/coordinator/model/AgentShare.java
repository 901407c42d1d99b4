package dev.loadlab.coordinator.model;

/**
 * One agent's part of a step: the load it was given ({@code users} or {@code rate}) and what it measured. Immutable.
 */
public record AgentShare(
        String agentId, Integer users, Double rate, long requests, long errors, long warmupRequests, String failure) {}
