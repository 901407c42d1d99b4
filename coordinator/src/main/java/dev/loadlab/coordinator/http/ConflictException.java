package dev.loadlab.coordinator.http;

/** The request contradicts the resource's state (cancelling a finished run); answered as 409. */
final class ConflictException extends RuntimeException {
    ConflictException(String message) {
        super(message);
    }
}
