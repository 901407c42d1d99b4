package dev.loadlab.cluster;

/**
 * The cluster cannot be reached now: joining failed, or the member left while a message was on its way. Callers treat
 * it as "wait and join again", without having to know Hazelcast's exception types. Unchecked.
 */
public final class ClusterUnavailableException extends RuntimeException {
    ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
