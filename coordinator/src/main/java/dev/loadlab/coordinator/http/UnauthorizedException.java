package dev.loadlab.coordinator.http;

/** A REST call without the API token, or with another one: answered 401 with the message as the problem's detail. */
final class UnauthorizedException extends RuntimeException {
    UnauthorizedException(String message) {
        super(message);
    }
}
