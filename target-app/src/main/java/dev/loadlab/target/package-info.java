/**
 * The target app LoadLab puts load on: {@link dev.loadlab.target.TargetMain} ({@code loadlab target}) reads a {@link
 * dev.loadlab.target.TargetConfig} once and runs a {@link dev.loadlab.target.TargetServer}, which serves the workload
 * endpoints ({@code /hello}, {@code /io}, {@code /cpu}, {@code /mixed}) plus {@code /health} and {@code /stats} with
 * the JDK's own HTTP server on a fixed pool of blocking worker threads (the {@code threaded} profile). Other modules'
 * integration tests start a {@code TargetServer} in-process on port 0; later scaling profiles and their supervisor
 * build on the same workloads and counters.
 */
package dev.loadlab.target;
