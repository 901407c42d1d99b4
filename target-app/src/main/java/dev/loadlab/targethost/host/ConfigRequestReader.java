package dev.loadlab.targethost.host;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.control.ConfigRequest;
import dev.loadlab.protocol.control.ControlApi;
import dev.loadlab.protocol.control.Problem;
import dev.loadlab.targethost.TargetConfig;

/**
 * Reads and checks the body of {@code PUT /control/config}: strictly (unknown fields, duplicate keys and values of the
 * wrong JSON type are refused), then against the host's profiles and the worker bounds. Each refusal is a 400 {@link
 * Problem} whose pointer names the field. Stateless, hence thread-safe.
 */
final class ConfigRequestReader {
    private ConfigRequestReader() {}

    /** A request that passed every check, or the problem to answer. */
    sealed interface Outcome {}

    record Valid(String profile, int workers) implements Outcome {}

    record Refused(Problem problem) implements Outcome {}

    static Outcome read(String body, ProfileCatalog catalog) {
        String required = "profile is required: a string, one of " + catalog.names();
        String bound = "an integer between " + TargetConfig.MIN_WORKERS + " and " + TargetConfig.MAX_WORKERS;
        ConfigRequest request;
        try {
            request = ControlApi.readStrict(body, ConfigRequest.class);
        } catch (InvalidInputException e) {
            FieldError error = e.errors().get(0);
            String detail =
                    switch (error.field()) {
                        case "" -> error.message();
                        case "/profile" -> required;
                        case "/workers" -> "workers is required: " + bound;
                        default ->
                            error.message().startsWith("unknown field")
                                    ? error.message()
                                            .replaceFirst(
                                                    "; known fields are .*",
                                                    "; a configuration has only profile and workers")
                                    : error.message();
                    };
            return refused(detail, error.field());
        }
        if (request.profile() == null) {
            return refused(required, "/profile");
        }
        if (catalog.find(request.profile()).isEmpty()) {
            return refused(
                    "profile must be one of " + catalog.names() + ", was '" + request.profile() + "'", "/profile");
        }
        if (request.workers() == null) {
            return refused("workers is required: " + bound, "/workers");
        }
        int workers = request.workers();
        if (workers < TargetConfig.MIN_WORKERS || workers > TargetConfig.MAX_WORKERS) {
            return refused(
                    "workers must be between " + TargetConfig.MIN_WORKERS + " and " + TargetConfig.MAX_WORKERS
                            + ", was " + workers,
                    "/workers");
        }
        return new Valid(request.profile(), workers);
    }

    private static Refused refused(String detail, String pointer) {
        return new Refused(Problem.of(400, "Bad Request", detail, pointer));
    }
}
