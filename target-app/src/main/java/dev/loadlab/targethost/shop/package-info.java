/**
 * The reference app's scenario endpoints, as realistic load tests need them: {@code POST /login} issues a stateless
 * bearer token ({@link dev.loadlab.targethost.shop.Tokens}, HMAC-SHA256 with a key every worker process of the host
 * shares), {@code /items} stores JSON objects in a directory all worker processes share ({@link
 * dev.loadlab.targethost.shop.ItemStore}), and {@code /echo} mirrors the request. {@link
 * dev.loadlab.targethost.shop.Shop} answers each with an {@link dev.loadlab.targethost.shop.Answer} that every front-end
 * encodes its own way; routing and counting stay with {@code http.Routes} and the front-ends. Nothing here is on the
 * path of the workload endpoints. Everything is immutable or thread-safe.
 */
package dev.loadlab.targethost.shop;
