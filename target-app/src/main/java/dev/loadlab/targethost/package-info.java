/**
 * The target host LoadLab puts load on. {@link dev.loadlab.targethost.TargetMain} ({@code loadlab target}) reads its
 * configuration once and either runs a {@link dev.loadlab.targethost.TargetServer} in-process (the default {@code threaded}
 * profile without a control API: the JDK's HTTP server on W blocking threads, also what other modules' integration
 * tests start on port 0) or becomes a supervisor ({@code dev.loadlab.targethost.host}) that runs the app in worker processes
 * ({@code dev.loadlab.targethost.worker}) in one of the scaling profiles and switches profile and W through an
 * authenticated control API. Every way of serving shares one route table ({@link dev.loadlab.targethost.http.Routes}),
 * the endpoint requests of {@code dev.loadlab.targethost.work}, the scenario endpoints of {@code
 * dev.loadlab.targethost.shop} ({@code /login}, {@code /items}, {@code /echo}) and exact counters per endpoint and status
 * class ({@link dev.loadlab.targethost.RequestStats}).
 */
package dev.loadlab.targethost;
