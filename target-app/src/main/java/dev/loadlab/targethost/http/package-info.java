/**
 * A tiny HTTP/1.1 core for the worker processes (the JDK's {@code HttpServer} cannot share a port with SO_REUSEPORT):
 * incremental request parsing that copes with partial and pipelined reads ({@link
 * dev.loadlab.targethost.http.RequestParser}), fixed-length response encoding ({@link dev.loadlab.targethost.http.Responses})
 * and the reference app's routes ({@link dev.loadlab.targethost.http.WorkerApp}), which every front-end in {@code
 * dev.loadlab.targethost.worker} shares. GET only, keep-alive, no chunked bodies. Everything here is stateless or
 * thread-safe.
 */
package dev.loadlab.targethost.http;
