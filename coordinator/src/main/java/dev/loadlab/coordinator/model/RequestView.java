package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.result.LatencyMs;
import java.util.Map;

/** One request name's result as the API shows it. Immutable. */
public record RequestView(long requests, long errors, Map<String, Long> errorsByKind, LatencyMs latencyMs) {}
