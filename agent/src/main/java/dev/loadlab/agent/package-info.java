/**
 * The agent: joins the coordinator's Hazelcast cluster as a lite member, says hello in its protocol version, takes one
 * assignment at a time, runs it with Gatling in-process and hands the result back, keeping it until the coordinator
 * acknowledges that it is stored.
 */
package dev.loadlab.agent;
