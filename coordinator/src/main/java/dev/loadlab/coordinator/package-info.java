/**
 * The coordinator: one process that owns the REST API, the run scheduler, the Hazelcast data member the agents join,
 * and the only connection to PostgreSQL. {@link dev.loadlab.coordinator.Coordinator} wires the parts together;
 * {@link dev.loadlab.coordinator.CoordinatorMain} is the command line.
 */
package dev.loadlab.coordinator;
