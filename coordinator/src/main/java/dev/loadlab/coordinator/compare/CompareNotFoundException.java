package dev.loadlab.coordinator.compare;

/** A run named in a comparison does not exist; the REST API answers it as 404 not-found. */
public final class CompareNotFoundException extends RuntimeException {
    public CompareNotFoundException(String message) {
        super(message);
    }
}
