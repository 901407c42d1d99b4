package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.UUID;

/** A run waiting to be scheduled, as the scheduler needs it: its id, the scenario (token included), when it came. */
public record PendingRun(UUID id, Scenario scenario, Instant submittedAt) {}
