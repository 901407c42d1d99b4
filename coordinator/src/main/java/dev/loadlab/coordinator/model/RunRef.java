package dev.loadlab.coordinator.model;

import java.time.Instant;

/** Which run a comparison side is: id, scenario name, status and submission time. Immutable. */
public record RunRef(String id, String name, String status, Instant submittedAt) {}
