package dev.loadlab.protocol.scenario;

/**
 * Where a saved session value comes from: {@code {"jsonPath": "$.token"}} (the first match; a string as it is, any
 * other JSON value as its JSON text), {@code {"header": "Location"}} (the header's value), or {@code {"regex": "..."}}
 * applied to the header named by {@code header} or, without {@code header}, to the body. With a regex, the value is
 * its first capture group, or the whole match when it has none. A value that cannot be extracted fails the request
 * (an error of kind {@code check} under {@code save(NAME)}) and the user's journey starts again. Immutable.
 */
public record Extract(String jsonPath, String header, String regex) {}
