package dev.loadlab.protocol.scenario;

/**
 * One kind of request in the workload. {@code weight} is relative: with weights 80 and 20, four requests in five are
 * of the first kind. {@code method} defaults to GET and {@code weight} to 1 when absent. Immutable.
 */
public record RequestSpec(String name, String method, String path, Integer weight) {
    public RequestSpec {
        method = method == null ? "GET" : method;
        weight = weight == null ? 1 : weight;
    }
}
