package dev.loadlab.protocol.scenario;

/**
 * How an {@code https://} target's certificate is checked. Without {@code tls}, against the JVM's default trust store,
 * like any client. {@code trustCertificate}: a PEM certificate (or several) trusted instead; {@code insecure: true}:
 * any certificate is accepted (test servers only). At most one of the two. Immutable.
 */
public record Tls(String trustCertificate, Boolean insecure) {}
