package dev.loadlab.protocol.scenario;

/** The system under test: the base URL every request path is appended to. Immutable. */
public record Target(String baseUrl) {}
