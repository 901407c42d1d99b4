/**
 * Runs one step assignment with Gatling inside the agent's JVM. {@link dev.loadlab.agent.gatling.GatlingStepRunner} is
 * the only entry point: it turns an assignment into a plan, hands it to the simulation Gatling instantiates by class
 * name (through a one-run-at-a-time holder), holds it until the agreed start, and records every response itself into
 * one tally per second of the step, sent live as intervals and summed exactly into the final result, so results never
 * depend on Gatling's own reports, which are switched off.
 */
package dev.loadlab.agent.gatling;
