/**
 * The target host LoadLab puts load on. {@link dev.loadlab.target.TargetMain} ({@code loadlab target}) reads its
 * configuration once and either runs a {@link dev.loadlab.target.TargetServer} in-process (the default {@code threaded}
 * profile without a control API: the JDK's HTTP server on W blocking threads, also what other modules' integration
 * tests start on port 0) or becomes a supervisor ({@code dev.loadlab.target.host}) that runs the app in worker processes
 * ({@code dev.loadlab.target.worker}) in one of the scaling profiles and switches profile and W through an
 * authenticated control API. Every way of serving shares the workloads of {@code dev.loadlab.target.work} and exact
 * counters ({@link dev.loadlab.target.RequestStats}).
 */
package dev.loadlab.target;
