/**
 * What the target does for each request, independent of how it is scheduled: the {@link
 * dev.loadlab.targethost.work.Endpoint} a request asks for (parsed and bounds-checked once, at the boundary) and the
 * calibrated CPU work ({@link dev.loadlab.targethost.work.CpuWork}) behind {@code /cpu} and {@code /mixed}. Every scaling
 * profile (threads, processes, event loop, virtual threads) reuses these types and differs only in how it waits and on
 * which thread it computes. Everything here is immutable or stateless, hence thread-safe.
 */
package dev.loadlab.targethost.work;
