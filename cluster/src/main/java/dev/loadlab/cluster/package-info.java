/**
 * Both ends of the Hazelcast wire, written once: the coordinator's data member ({@link
 * dev.loadlab.cluster.CoordinatorEndpoint}), an agent's lite member ({@link dev.loadlab.cluster.AgentEndpoint}), the
 * names of the queues they share ({@link dev.loadlab.cluster.ClusterNames}) and the one set of Hazelcast settings both
 * start from ({@link dev.loadlab.cluster.ClusterSettings}). Messages cross as the protocol's versioned JSON, never Java
 * serialization; nothing outside this package needs to import Hazelcast.
 */
package dev.loadlab.cluster;
