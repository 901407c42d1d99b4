package dev.loadlab.targethost.http;

/**
 * One parsed HTTP/1.1 request head; the body (if any) has already been skipped. Immutable.
 *
 * @param method e.g. {@code GET}
 * @param path the raw path, without the query
 * @param rawQuery the raw (percent-encoded) query, or {@code null}
 * @param keepAlive whether the client lets the connection stay open after the answer
 */
public record HttpRequest(String method, String path, String rawQuery, boolean keepAlive) {}
