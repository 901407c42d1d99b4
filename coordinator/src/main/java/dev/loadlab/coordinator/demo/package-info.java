/**
 * {@code ./loadlab demo}: the whole product on one machine, driven through its own REST API as a user would: an
 * embedded PostgreSQL and the coordinator in this JVM, an agent and the target app in their own JVMs, a built-in
 * scenario, live progress and a results table.
 */
package dev.loadlab.coordinator.demo;
