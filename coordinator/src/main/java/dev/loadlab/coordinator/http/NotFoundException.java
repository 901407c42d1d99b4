package dev.loadlab.coordinator.http;

/** The addressed resource does not exist; answered as 404. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}
