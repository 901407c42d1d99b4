package dev.loadlab.coordinator.http;

/** A dependency the request needs is down; answered as 503. */
final class UnavailableException extends RuntimeException {
    UnavailableException(String message) {
        super(message);
    }
}
