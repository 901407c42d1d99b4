/**
 * The agent's warm-up before it joins: {@link dev.loadlab.agent.warmup.AgentWarmUp} drives a loopback HTTP server of
 * the agent's own JVM (never a target) through {@link dev.loadlab.agent.gatling.GatlingStepRunner}, exactly as a step
 * runs, and reads the intervals the run sends until {@code StableRate} finds the rate per second steady or the cap
 * ends it, then, once joined and before hello, rehearses short steps and waits for the compiler to go quiet, so that the first step a coordinator hands out is not measured on a cold JIT and cold Gatling code.
 */
package dev.loadlab.agent.warmup;
