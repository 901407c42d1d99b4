/**
 * The coordinator's side of the Hazelcast cluster: the data member the agents join as lite members, the inboxes the
 * messages travel through, and the registry of agents that said hello.
 */
package dev.loadlab.coordinator.cluster;
