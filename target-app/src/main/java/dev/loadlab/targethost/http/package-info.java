/**
 * A tiny HTTP/1.1 core for the worker processes (the JDK's {@code HttpServer} cannot share a port with SO_REUSEPORT):
 * incremental request parsing that copes with partial and pipelined reads ({@link
 * dev.loadlab.targethost.http.RequestParser}), fixed-length response encoding ({@link dev.loadlab.targethost.http.Responses})
 * and the reference app ({@link dev.loadlab.targethost.http.WorkerApp}), which every front-end in {@code
 * dev.loadlab.targethost.worker} shares. Its route table ({@link dev.loadlab.targethost.http.Routes}, deciding a {@link
 * dev.loadlab.targethost.http.Route}) is also the one the in-process JDK {@code HttpServer} front-end uses, so every way
 * of serving answers the same paths with the same texts. Keep-alive and pipelining; request bodies by Content-Length or
 * chunked, up to 64 KiB; the scenario endpoints are handed to {@code dev.loadlab.targethost.shop} ({@link
 * dev.loadlab.targethost.http.ShopCalls}). Everything here is stateless or thread-safe.
 */
package dev.loadlab.targethost.http;
