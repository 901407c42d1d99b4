/**
 * Benchmarks that run through LoadLab itself (REST API, scheduler, agents, target host) rather than around it, so
 * their numbers measure what users will see. Each writes its table into {@code BENCHMARKS.md} with the command that
 * produced it. {@link dev.loadlab.bench.GeneratorBench} also measures reference clients (wrk, a plain Gatling
 * simulation in its own JVM) beside the agent, to show what LoadLab's own recording costs.
 */
package dev.loadlab.bench;
