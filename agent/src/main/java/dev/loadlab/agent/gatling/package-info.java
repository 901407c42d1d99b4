/**
 * Runs one step assignment with Gatling inside the agent's JVM. {@link dev.loadlab.agent.gatling.GatlingStepRunner} is
 * the only entry point: it turns an assignment into a plan, hands it to the simulation Gatling instantiates by class
 * name (through a one-run-at-a-time holder), holds it until the agreed start, and records every response itself into
 * one tally per second of the step, sent live as intervals and summed exactly into the final result, so results never
 * depend on Gatling's own reports, which are switched off. At the request level Gatling only sends and captures: every
 * request is one {@link dev.loadlab.agent.gatling.RequestChains} chain, built from templates rendered in Java and judged
 * in Java ({@code RequestTemplate}, {@code ResponseJudge}, {@code Extraction}), so LoadLab, not Gatling, decides what
 * counts as an error. A v1 plan runs as it always did; a v2 plan's user journeys (flows, think times, dataset rows,
 * this agent's share of the stages) are {@code Journeys}, built on those chains and summed per flow and per stage.
 */
package dev.loadlab.agent.gatling;
