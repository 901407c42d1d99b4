/**
 * The engine's registry of agents: which agents said hello, whether each is idle, busy or refused, and how
 * {@code GET /api/v1/agents} shows them. How messages reach them is {@code dev.loadlab.cluster}'s business.
 */
package dev.loadlab.coordinator.agents;
