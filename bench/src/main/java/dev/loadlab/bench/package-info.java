/**
 * Benchmarks that run through LoadLab itself (REST API, scheduler, agents, target host) rather than around it, so
 * their numbers measure what users will see. Each writes its table into {@code BENCHMARKS.md} with the command that
 * produced it.
 */
package dev.loadlab.bench;
