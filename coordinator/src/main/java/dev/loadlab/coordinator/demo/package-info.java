/**
 * {@code ./loadlab demo}: the whole product on one machine, driven through its own REST API as a user would: an
 * embedded PostgreSQL and the coordinator in this JVM, an agent and the target host in their own JVMs, short versions
 * of the built-in sweeps, their scaling tables ({@link dev.loadlab.coordinator.demo.ScalingTable}) and the findings
 * computed from them ({@link dev.loadlab.coordinator.demo.Findings}).
 */
package dev.loadlab.coordinator.demo;
