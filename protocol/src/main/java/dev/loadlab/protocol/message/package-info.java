/**
 * Versioned messages that cross the Hazelcast cluster between the coordinator and the agents, as two sealed families:
 * {@link dev.loadlab.protocol.message.ToAgent} and {@link dev.loadlab.protocol.message.ToCoordinator}. They travel as
 * JSON strings (never Java serialization), with latency as encoded HdrHistograms (never precomputed percentiles).
 */
package dev.loadlab.protocol.message;
