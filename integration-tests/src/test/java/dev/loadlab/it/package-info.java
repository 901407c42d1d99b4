/**
 * End-to-end tests on real parts: a coordinator with a real PostgreSQL and Hazelcast member, agents in their own JVMs
 * started from the agent's executable jar, Gatling, and the target app over real HTTP on free ports.
 */
package dev.loadlab.it;
