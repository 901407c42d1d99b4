/**
 * The worker processes of the target host: {@link dev.loadlab.targethost.worker.WorkerMain} is the {@code main} of a
 * child JVM that listens on the shared port with SO_REUSEPORT and serves with one scheduling {@link
 * dev.loadlab.targethost.worker.Model}: blocking threads (Gunicorn sync/threaded, optionally under the emulated GIL), a
 * selector event loop with timer waits (Uvicorn), or virtual threads on one carrier (Gevent). Each front-end is
 * confined to its own threads; shared state lives in thread-safe {@code WorkerApp} counters.
 */
package dev.loadlab.targethost.worker;
