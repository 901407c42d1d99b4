package dev.loadlab.coordinator.http;

/**
 * The one error type of the REST API's handlers: each case is one answer {@link ProblemHandler} gives, and its
 * message is the problem's {@code detail}. Sealed, so the failure handler maps every case with one exhaustive switch;
 * bad input stays {@link dev.loadlab.protocol.InvalidInputException} (it crosses the wire from the contract module)
 * and storage faults {@link dev.loadlab.coordinator.model.StorageException}. Immutable.
 */
public abstract sealed class ApiException extends RuntimeException {
    private ApiException(String detail) {
        super(detail);
    }

    /** The addressed resource does not exist; answered as 404. */
    public static final class NotFound extends ApiException {
        public NotFound(String detail) {
            super(detail);
        }
    }

    /** The request contradicts the resource's state (cancelling a finished run); answered as 409. */
    public static final class Conflict extends ApiException {
        public Conflict(String detail) {
            super(detail);
        }
    }

    /** A REST call without the API token, or with another one; answered as 401 with {@code WWW-Authenticate}. */
    public static final class Unauthorized extends ApiException {
        public Unauthorized(String detail) {
            super(detail);
        }
    }

    /**
     * The request's {@code Content-Type} is not one the route reads; answered as 415 naming the header. The message
     * says what the route accepts.
     */
    public static final class UnsupportedMediaType extends ApiException {
        public UnsupportedMediaType(String detail) {
            super(detail);
        }
    }

    /** A dependency the request needs is down; answered as 503. */
    public static final class Unavailable extends ApiException {
        public Unavailable(String detail) {
            super(detail);
        }
    }
}
