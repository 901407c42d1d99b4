package dev.loadlab.coordinator.model;

import java.util.UUID;

/** A search step of a run that is still RUNNING but has no step row yet: a search a stopped coordinator left. */
public record OpenSearch(UUID runId, int stepIndex) {}
