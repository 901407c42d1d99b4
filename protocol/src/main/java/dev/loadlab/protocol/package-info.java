/**
 * The contract that the coordinator, the agents and the REST API's clients share: the scenario a user submits, the
 * messages that cross the Hazelcast cluster, the results that come back, the bodies of a target host's control API
 * ({@code control}), the codecs (JSON and YAML, HdrHistogram) that carry them, and the documents that describe them to
 * clients ({@code OpenApi}, {@code ScenarioSchema}). Everything here is an immutable record or a
 * stateless codec; nothing here knows about Vert.x, Hazelcast, Gatling or PostgreSQL.
 */
package dev.loadlab.protocol;
