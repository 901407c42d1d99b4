/**
 * The agent: joins the coordinator's Hazelcast cluster as a lite member, says hello in its protocol version, takes one
 * assignment at a time, prepares it, starts it at the agreed cluster time, runs it with Gatling in-process while
 * streaming one interval per second, and hands the result back, keeping it until the coordinator
 * acknowledges that it is stored.
 */
package dev.loadlab.agent;
