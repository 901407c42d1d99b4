/**
 * Starting LoadLab on one machine: {@link dev.loadlab.coordinator.launcher.ChildJvm} runs a part from its executable
 * jar in its own JVM, and {@link dev.loadlab.coordinator.launcher.LocalStack} starts the whole product (the target
 * host with its control API, a coordinator configured with it, N agents) and stops it in the right order. Used by the
 * demo, the scaling bench and the integration tests, so the three start LoadLab the same way.
 */
package dev.loadlab.coordinator.launcher;
