package dev.loadlab.coordinator.model;

import java.time.Instant;

/** A stored secret as the API lists it: the name and when it was stored, never the value. Immutable. */
public record SecretInfo(String name, Instant createdAt) {}
