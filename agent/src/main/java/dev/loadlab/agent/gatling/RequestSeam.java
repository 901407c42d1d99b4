package dev.loadlab.agent.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadlab.protocol.scenario.RequestSpec;
import io.gatling.javaapi.core.ChainBuilder;

/**
 * Where the user-journey chains meet the request level: one request, sent, checked and recorded, as a chain. Sets
 * {@link #FAILED} in the session when the request had an error and {@link #RESTART} when an extraction failed, so the
 * journey can judge the iteration. Stateless.
 */
final class RequestSeam {
    /** Session flag: an extraction ({@code save}) failed, so the iteration must end here. */
    static final String RESTART = "loadlab.restart";

    /** Session flag: a request of this iteration had an error. */
    static final String FAILED = "loadlab.failed";

    private static final String STATUS = "loadlab.status";

    private RequestSeam() {}

    /**
     * Request {@code index} (its global index, the recorder's key): counted as sent, then sent with a status check
     * that saves the status and a response-time check that records status and time (Gatling runs status checks before
     * time checks, whatever the declaration order); without a saved status the request got no HTTP response and counts
     * as a transport error.
     */
    static ChainBuilder request(RunContext run, int index, RequestSpec spec) {
        String path = spec.path();
        return exec(session -> {
                    run.sent(index);
                    // A status left from this user's previous request would hide a transport error on this one.
                    return session.remove(STATUS);
                })
                // The path is given as a function so that Gatling does not read "#{...}" in it as its expression
                // language.
                .exec(http(spec.name())
                        .httpRequest(spec.method(), session -> path)
                        .check(
                                status().saveAs(STATUS),
                                responseTimeInMillis().transformWithSession((millis, session) -> {
                                    run.recorder().answered(index, session.getInt(STATUS), millis);
                                    return millis;
                                })))
                .exec(session -> {
                    if (!session.contains(STATUS)) {
                        run.recorder().noResponse(index);
                        return session.set(FAILED, true);
                    }
                    return session.getInt(STATUS) >= 400 ? session.set(FAILED, true) : session;
                });
    }
}
